/**
 * The programme's names for the four roles, the ONE place they are spelt: every screen, message and export takes
 * them from here (the i18n messages, review refusals, sync and comment labels, the demo regency). The internal
 * role values (`coordinator`, `facilitator`, `innovator`, `viewer`) never change; only what people read does.
 * Pure: no browser or Node imports.
 */
import type { PERSON_ROLES } from './records';

export type RoleName = (typeof PERSON_ROLES)[number];

/** As a label ("Admin lokal"), in Indonesian and English. */
export const ROLE_LABELS: Record<RoleName, { id: string; en: string }> = {
  coordinator: { id: 'Admin lokal', en: 'Local admin' },
  facilitator: { id: 'Pendamping', en: 'Facilitator' },
  innovator: { id: 'Inovator', en: 'Innovator' },
  viewer: { id: 'Pimpinan', en: 'Leadership viewer' },
};

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Inside a sentence ("oleh admin lokal", "by a local admin"): the label with a small first letter. */
export const ROLE_WORDS: Record<RoleName, { id: string; en: string }> = {
  coordinator: { id: lowerFirst(ROLE_LABELS.coordinator.id), en: lowerFirst(ROLE_LABELS.coordinator.en) },
  facilitator: { id: lowerFirst(ROLE_LABELS.facilitator.id), en: lowerFirst(ROLE_LABELS.facilitator.en) },
  innovator: { id: lowerFirst(ROLE_LABELS.innovator.id), en: lowerFirst(ROLE_LABELS.innovator.en) },
  viewer: { id: lowerFirst(ROLE_LABELS.viewer.id), en: lowerFirst(ROLE_LABELS.viewer.en) },
};
