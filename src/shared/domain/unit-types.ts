/**
 * Kinds of unit as data: the stored values, in the order pickers show them, and how people read each in
 * Indonesian and English. The record schema's enum (`unitBodySchema.type`) and every picker read these, so a new
 * kind is one line in each list here.
 * Stored values never change meaning: 'puskesmas' (the first value for health centres) reads "UPTD/Puskesmas" and
 * covers every UPTD; units stored before keep their value.
 * No imports: `records.ts` builds its schema from it.
 */
export const UNIT_TYPES = ['opd', 'puskesmas', 'rsud', 'kecamatan', 'kelurahan', 'lainnya'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS = {
  opd: { id: 'OPD (perangkat daerah)', en: 'Agency (OPD)' },
  puskesmas: { id: 'UPTD/Puskesmas', en: 'Technical unit / health centre (UPTD/Puskesmas)' },
  rsud: { id: 'RSUD', en: 'Regional hospital (RSUD)' },
  kecamatan: { id: 'Kecamatan', en: 'District (kecamatan)' },
  kelurahan: { id: 'Kelurahan/Desa', en: 'Village (kelurahan/desa)' },
  lainnya: { id: 'Lainnya', en: 'Other' },
} as const satisfies Record<UnitType, { id: string; en: string }>;

export const isUnitType = (value: unknown): value is UnitType =>
  typeof value === 'string' && (UNIT_TYPES as readonly string[]).includes(value);

/** `{ id, en }` label of a stored value; an unknown value (a newer build's kind) reads as itself. */
export function unitTypeLabel(value: string): { id: string; en: string } {
  return isUnitType(value) ? UNIT_TYPE_LABELS[value] : { id: value, en: value };
}
