/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { Translation } from '../../shared/format';
import type { id } from './strings';

export const en = {
  attachments: 'Attachments',
  sessionTitle: 'Session photos and documents',
  sectionAttachments: 'Attachments of this section ({count})',
  itemAttachments: 'Evidence attachments ({count})',
  requiredTitle: 'Required attachments',
  requiredHint: '{format}, max. {max}',
  requiredAttached: 'Attached',
  requiredMissing: 'Not attached yet',
  takePhoto: 'Take a photo',
  chooseFile: 'Choose a photo or file',
  choosePdf: 'Choose a PDF file',
  none: 'No attachments yet.',
  working: 'Processing {name}…',
  sizes: 'Original {original}, stored {stored}',
  size: '{stored}',
  stateLocal: 'Only on this phone',
  stateQueued: 'Waiting to upload',
  stateUploading: 'Uploading {percent}%',
  stateUploaded: 'Uploaded',
  stateFailed: 'Upload failed',
  stateRemote: 'On the server, not downloaded',
  open: 'Open {name}',
  download: 'Download ({size})',
  downloading: 'Downloading…',
  retry: 'Try again',
  remove: 'Delete {name}',
  removed: 'Attachment deleted',
  thumbnailAlt: 'Thumbnail of {name}',
  storageTitle: 'Attachment space on this phone',
  storageUsage: {
    one: 'Attachments take {bytes} ({count} file).',
    other: 'Attachments take {bytes} ({count} files).',
  },
  storageWaiting: {
    one: '{count} file is not uploaded yet and stays stored.',
    other: '{count} files are not uploaded yet and stay stored.',
  },
  storageDroppable: {
    one: '{bytes} ({count} file) is safe on the server.',
    other: '{bytes} ({count} files) are safe on the server.',
  },
  storageFree: 'Free {bytes}',
  storageFreeHint:
    'Uploaded originals are removed from this phone; thumbnails stay and files can be downloaded again at any time.',
  storageFreed: { one: '{bytes} freed ({count} file).', other: '{bytes} freed ({count} files).' },
  storageNothing: 'No attachments on this phone yet.',
  signInToDownload: 'Sign in to download attachments from the server.',
} satisfies Translation<typeof id>;
