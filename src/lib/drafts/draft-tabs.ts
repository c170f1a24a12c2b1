/**
 * The parts of the draft screen (issue #14: the writing first, the rest one tap away) and where each thing that
 * readiness lists as missing is fixed. Pure: the screen keeps the open part in the address's `#part`, so a link
 * (or a reload) opens the same part, and a missing item names the tab and the element to focus.
 */
import type { EligibilityWarning, MissingItem } from '../../shared/domain';

export const DRAFT_TABS = ['tulisan', 'data', 'kesiapan', 'tinjauan'] as const;
export type DraftTab = (typeof DRAFT_TABS)[number];

/** The writing is the default part: no `#part`, or one the tabs do not know (`#komentar-…` from a search hit). */
export function tabOfHash(hash: string): DraftTab {
  const name = hash.replace(/^#/, '');
  return (DRAFT_TABS as readonly string[]).includes(name) ? (name as DraftTab) : 'tulisan';
}

export function hashOfTab(tab: DraftTab): string {
  return tab === 'tulisan' ? '' : `#${tab}`;
}

/** Element id of a section's text box (SectionEditor). */
export const sectionFieldId = (key: string) => `section-${key}`;
/** Element id of the first checklist of a template in the draft's list (DraftChecklists). */
export const checklistLinkId = (templateKey: string) => `draft-checklist-${templateKey}`;
/** Element id of a required attachment's PDF picker (RequiredAttachments, AttachmentPickers). */
export const requiredAttachmentId = (key: string) => `required-${key}-file`;

/** Element id of a template metadata field on the "Data" tab (MetadataField). */
export const metadataFieldId = (key: string) => `meta-${key}`;

export interface FieldPlace {
  tab: DraftTab;
  /** The element to focus. */
  id: string;
}

/** Where a missing item is fixed: a section's text box, a checklist in the list, an attachment's picker. */
export function placeOfMissing(item: Pick<MissingItem, 'kind' | 'key'>): FieldPlace {
  switch (item.kind) {
    case 'section-empty':
    case 'section-under':
    case 'section-over':
      return { tab: 'tulisan', id: sectionFieldId(item.key) };
    case 'checklist':
    case 'checklist-unknown':
      return { tab: 'kesiapan', id: checklistLinkId(item.key) };
    case 'attachment':
      return { tab: 'kesiapan', id: requiredAttachmentId(item.key) };
  }
}

/** Where an eligibility warning is fixed: the start date or the group, on the "Data" tab. */
export function placeOfEligibility(warning: Pick<EligibilityWarning, 'field'>): FieldPlace {
  return { tab: 'data', id: metadataFieldId(warning.field) };
}
