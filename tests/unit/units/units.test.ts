/** The pure unit rules: types as data, which units pickers offer, what a merge moves, name matching. */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import {
  UNIT_TYPES,
  UNIT_TYPE_LABELS,
  isUnitType,
  unitTypeLabel,
} from '../../../src/shared/domain/unit-types';
import {
  countUnitReferences,
  isActiveUnit,
  matchUnitsByName,
  remapUnitValue,
  unitChoices,
  unitIdsInValues,
  unitNameKey,
} from '../../../src/shared/domain/units';
import { unitBodySchema, unitSchema } from '../../../src/shared/records';
import { aUnit } from '../../factories';
import { mergeUnitsRequestSchema } from '../../../src/shared/units';

const unit = (name: string, extra: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  name,
  deleted: false,
  ...extra,
});

describe('unit types as data', () => {
  it('keeps every stored value valid, adds RSUD and kelurahan, labels puskesmas UPTD/Puskesmas', () => {
    for (const stored of ['opd', 'puskesmas', 'kecamatan', 'lainnya'])
      expect(unitBodySchema.safeParse({ name: 'X', type: stored, demo: false }).success).toBe(true);
    expect(UNIT_TYPES).toEqual(['opd', 'puskesmas', 'rsud', 'kecamatan', 'kelurahan', 'lainnya']);
    expect(unitBodySchema.safeParse({ name: 'RSUD I Lagaligo', type: 'rsud', demo: false }).success).toBe(
      true,
    );
    expect(unitBodySchema.safeParse({ name: 'X', type: 'dinas', demo: false }).success).toBe(false);
    expect(UNIT_TYPE_LABELS.puskesmas.id).toBe('UPTD/Puskesmas');
    expect(unitTypeLabel('kelurahan')).toEqual({ id: 'Kelurahan/Desa', en: 'Village (kelurahan/desa)' });
    // Every kind has both languages.
    for (const type of UNIT_TYPES) {
      expect(UNIT_TYPE_LABELS[type].id.length).toBeGreaterThan(0);
      expect(UNIT_TYPE_LABELS[type].en.length).toBeGreaterThan(0);
    }
    expect(isUnitType('rsud')).toBe(true);
    expect(isUnitType('x')).toBe(false);
    expect(unitTypeLabel('x')).toEqual({ id: 'x', en: 'x' });
  });

  it('reads a unit stored before archiving and merging existed; validates the new fields', () => {
    // No `archived` nor `mergedInto`: the factory leaves them out, as units stored before had them.
    const old = aUnit({ rev: 3, fieldVersions: { name: 3 }, name: 'Puskesmas Lama' });
    const parsed = unitSchema.parse(old);
    expect(isActiveUnit(parsed)).toBe(true);
    expect(unitSchema.safeParse({ ...old, archived: true, mergedInto: uuidv7() }).success).toBe(true);
    expect(unitSchema.safeParse({ ...old, mergedInto: 'bukan-id' }).success).toBe(false);
    expect(mergeUnitsRequestSchema.safeParse({ into: uuidv7() }).success).toBe(true);
    expect(mergeUnitsRequestSchema.safeParse({ into: uuidv7(), extra: 1 }).success).toBe(false);
  });
});

describe('units offered', () => {
  it('offers active units, and keeps one a record already names', () => {
    const a = unit('Aktif');
    const archived = unit('Diarsipkan', { archived: true });
    const merged = unit('Digabung', { mergedInto: a.id, archived: true });
    const deleted = unit('Dihapus', { deleted: true });
    expect([a, archived, merged, deleted].filter(isActiveUnit)).toEqual([a]);
    expect(unitChoices([a, archived, merged, deleted])).toEqual([a]);
    expect(unitChoices([a, archived, merged, deleted], [archived.id, deleted.id])).toEqual([a, archived]);
  });
});

describe('what a merge moves', () => {
  it('counts records of each kind naming the unit, people included', () => {
    const from = uuidv7();
    const other = uuidv7();
    const records = [
      { kind: 'session', unitIds: [other, from] },
      { kind: 'session', unitIds: [other] },
      { kind: 'draft', unitId: from },
      { kind: 'draft', unitId: null },
      { kind: 'checklist', unitId: from },
      { kind: 'submission', unitId: from },
      { kind: 'comment', unitId: from },
      { kind: 'attachment', unitId: from },
      { kind: 'person', unitIds: [from] },
      { kind: 'unit', unitId: from },
    ] as const;
    const counts = countUnitReferences(
      records.map((r) => ({ ...r }) as { kind: (typeof r)['kind'] } & Record<string, unknown>),
      from,
    );
    expect(counts).toEqual({
      session: 1,
      draft: 1,
      checklist: 1,
      submission: 1,
      comment: 1,
      attachment: 1,
      person: 1,
      total: 7,
    });
  });

  it('replaces ids in one value or a list, keeping order and dropping the duplicate it makes', () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const map = new Map([[a, b]]);
    expect(remapUnitValue(a, map)).toBe(b);
    expect(remapUnitValue(c, map)).toBe(c);
    expect(remapUnitValue(null, map)).toBeNull();
    expect(remapUnitValue([c, a], map)).toEqual([c, b]);
    expect(remapUnitValue([b, c, a], map)).toEqual([b, c]);
    const untouched = [c];
    expect(remapUnitValue(untouched, map)).toBe(untouched);
    expect(unitIdsInValues('session', { unitIds: [a, b], place: 'x' })).toEqual([a, b]);
    expect(unitIdsInValues('draft', { unitId: a })).toEqual([a]);
    expect(unitIdsInValues('draft', { title: 'x' })).toEqual([]);
    expect(unitIdsInValues('unit', { name: 'x' })).toEqual([]);
  });
});

describe('matching guest units by name', () => {
  it('ignores case, spacing and width; matches active units only', () => {
    expect(unitNameKey('  Puskesmas   SUKAMAJU ')).toBe('puskesmas sukamaju');
    expect(unitNameKey('Ｐｕｓｋｅｓｍａｓ')).toBe('puskesmas');
    const active = unit('Puskesmas Sukamaju');
    const archivedTwin = unit('puskesmas sukamaju', { archived: true });
    const mergedAway = unit('Kecamatan Lama', { mergedInto: active.id, archived: true });
    const archivedOnly = unit('Dinas Kesehatan', { archived: true });
    const g1 = unit('PUSKESMAS  sukamaju');
    const g2 = unit('Kecamatan lama');
    const g3 = unit('dinas kesehatan');
    const g4 = unit('Unit Baru');
    const { matched, unmatched } = matchUnitsByName(
      [g1, g2, g3, g4],
      [archivedTwin, active, mergedAway, archivedOnly],
    );
    expect(matched.get(g1.id)).toBe(active);
    expect(matched.size).toBe(1);
    expect(unmatched).toEqual([g2, g3, g4]);
  });
});
