/** The first-sync stream's compact field versions (pure): lossless both ways, and smaller than the full map. */
import { describe, expect, it } from 'vitest';
import { packRecord, streamLineSchema, unpackRecord } from '../../../src/shared/stream';
import { flattenBody } from '../../../src/shared/fieldPaths';
import { ENVELOPE_KEYS } from '../../../src/shared/records';
import { firstSyncText } from '../../../src/lib/sync/strings';
import { aDraft, aFollowUp, aSession, aUnit } from '../../factories';

const ACTION = '0190a000-0000-7000-8000-0000000000a1';
const GONE = '0190a000-0000-7000-8000-0000000000a2';

describe('packRecord / unpackRecord', () => {
  it('round-trips versions that differ, paths the body no longer names, and body paths with no version', () => {
    const session = aSession({
      rev: 9,
      startsAt: '2026-11-01T09:00',
      place: 'Aula',
      actions: { [ACTION]: aFollowUp({ what: 'Survei' }) },
      // `notes` edited later, a removed action keeps its version, `place` never had one.
      fieldVersions: { startsAt: 4, notes: 9, [`actions.${ACTION}`]: 4, [`actions.${GONE}`]: 7, deleted: 4 },
    });
    const paths = Object.keys(session.fieldVersions);
    const packed = packRecord(session);
    expect(packed).not.toHaveProperty('fieldVersions');
    expect(packed.fv.b).toBe(4);
    expect(packed.fv.v).toEqual({ notes: 9, [`actions.${GONE}`]: 7 });
    expect(packed.fv.x).toContain('place');
    expect(unpackRecord(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(session);
    expect(Object.keys(unpackRecord(packed).fieldVersions).sort()).toEqual(paths.sort());
  });

  it('sends one number for a record whose paths all share a version', () => {
    const base = aDraft({ rev: 12 });
    const body = Object.fromEntries(
      Object.entries(base).filter(([key]) => !(ENVELOPE_KEYS as readonly string[]).includes(key)),
    );
    const paths = [...Object.keys(flattenBody('draft', body)), 'deleted'];
    const draft = aDraft({ rev: 12, fieldVersions: Object.fromEntries(paths.map((p) => [p, 12])) });
    const packed = packRecord(draft);
    expect(packed.fv).toEqual({ b: 12 });
    expect(unpackRecord(packed)).toEqual(draft);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(draft).length);
  });

  it('refuses a stream record that does not make a valid record', () => {
    const unit = packRecord(aUnit({ rev: 3, fieldVersions: { name: 3, type: 3, deleted: 3 } }));
    expect(unpackRecord(unit).kind).toBe('unit');
    expect(() => unpackRecord({ ...unit, name: 42 })).toThrow();
    expect(streamLineSchema.safeParse({ t: 'page', records: [{ kind: 'unit' }], cursor: 1 }).success).toBe(
      false,
    );
    expect(streamLineSchema.safeParse({ t: 'end', cursor: -1 }).success).toBe(false);
  });
});

describe('firstSyncText', () => {
  it('says records done of all and megabytes left, then the time left once a speed is known', () => {
    const p = { records: 2_000, recordsTotal: 10_000, bytes: 6_000_000, bytesTotal: 27_000_000 };
    expect(firstSyncText({ ...p, etaMs: null })).toBe('Mengunduh 2000 dari 10000 catatan, 21.0 MB lagi');
    expect(firstSyncText({ ...p, etaMs: 75_000 })).toBe(
      'Mengunduh 2000 dari 10000 catatan, 21.0 MB lagi, sekitar 75 detik',
    );
    expect(firstSyncText({ ...p, etaMs: 300_000 })).toMatch(/sekitar 5 menit$/);
  });
});
