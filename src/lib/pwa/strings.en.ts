/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { id } from './strings';

export const en = {
  'update.available': 'A new version is available.',
  'update.activated': 'A new version is already active in another tab. Reload to use it.',
  'update.applying': 'Saving your changes, then updating…',
  'update.failed': 'Update postponed: changes are not saved yet. {error}',
  'update.failedUnsaved':
    'Update postponed: some input is not saved yet. Check the marked fields, then try again.',
  'update.accept': 'Update',
  'update.later': 'Later',
  'update.retry': 'Try again',
  'net.online': 'Online',
  'net.offline': 'Offline',
  'net.nowOnline': 'Back online. Data will be synced.',
  'net.nowOnlineLocal': 'Back online.',
  'net.syncFailed': 'Back online, but the sync failed. It is retried automatically.',
  'net.nowOffline': 'No connection. You can keep working; everything is saved on this device.',
  'install.title': 'Install the app',
  'install.button': 'Install app',
  'install.why': 'Install Rintis on the home screen so it opens without a signal, like any other app.',
  'install.iosIntro': 'On iPhone or iPad (Safari):',
  'install.iosStep1': 'Tap the Share button (the square with an arrow pointing up).',
  'install.iosStep2': 'Choose “Add to Home Screen”, then “Add”.',
  'install.unavailable': 'Open the browser menu and choose “Install app” or “Add to Home screen”.',
  'offer.title': 'Install Rintis on this phone',
  'offer.install': 'Install',
  'offer.dismiss': 'Not now',
  'storage.title': 'Storage on this device',
  'storage.persistGranted':
    'Persistent storage: on. The browser will not delete this data when space runs low.',
  'storage.persistDenied':
    'Persistent storage: not granted. The browser may delete data when space runs low; install the app and sync regularly.',
  'storage.persistUnsupported': 'This browser does not support persistent storage.',
  'storage.persistUnknown': 'Checking persistent storage…',
  'storage.persistAsk': 'Ask for persistent storage',
  'storage.usage': '{used} used of {quota} available to this app.',
  'storage.usageUnknown': 'This browser does not report the space used.',
  'storage.refresh': 'Refresh figures',
  'storage.version': 'App version: {version}',
  'storage.updateWaiting': 'A new version is waiting to be installed.',
  'evicted.title': 'Local data lost',
  'evicted.body':
    'The local data on this device was lost or deleted by the browser (storage full or site data cleared). Data already synced will come back from the server after you sign in; anything not yet synced cannot be recovered.',
  'evicted.dismiss': 'Understood',
  'chunk.offline':
    'This part of the app is not stored on this device yet and there is no connection. Connect to the internet once, then try again.',
} satisfies Record<keyof typeof id, string>;
