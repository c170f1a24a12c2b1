/**
 * The statuses of a checklist item. A leaf module: records.ts (the item's schema) and templates/index.ts (their
 * labels) both need them, and records.ts also imports the template schemas (the `template` record's body).
 */
export const CHECKLIST_ITEM_STATUSES = ['terpenuhi', 'sebagian', 'belum', 'tidak-relevan'] as const;
