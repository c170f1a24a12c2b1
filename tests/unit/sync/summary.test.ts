/** The summary rule: what a first pull leaves out, and how a summary meets a full copy (pure). */
import { describe, expect, it } from 'vitest';
import { isPartial, mergeSummaryOver, summarizeRecord } from '../../../src/shared/summary';
import { anyRecordSchema, type Session } from '../../../src/shared/records';
import { aFollowUp, aSession, aUnit } from '../../factories';

const ACTION = '0190a000-0000-7000-8000-0000000000a1';
const session = aSession({
  updatedAt: 2,
  createdBy: 'u1',
  updatedBy: 'u1',
  rev: 9,
  fieldVersions: { startsAt: 4, place: 4, notes: 9, [`actions.${ACTION}`]: 6, deleted: 4 },
  startsAt: '2026-11-01T09:00',
  place: 'Aula kecamatan',
  unitIds: ['0190a000-0000-7000-8000-00000000000a'],
  facilitatorName: 'Budi',
  notes: 'Catatan panjang dari sesi.',
  actions: { [ACTION]: aFollowUp({ what: 'Survei', who: 'Sari', due: '2026-12-01' }) },
});

describe('summarizeRecord', () => {
  it('empties the long fields, drops their versions, keeps the rest, and stays a valid record', () => {
    const summary = summarizeRecord(session) as Session;
    expect(anyRecordSchema.parse(summary)).toEqual(summary);
    expect(isPartial(summary)).toBe(true);
    expect(summary).toMatchObject({
      place: 'Aula kecamatan',
      notes: '',
      actions: {},
      startsAt: session.startsAt,
    });
    expect(summary.fieldVersions).toEqual({ startsAt: 4, place: 4, deleted: 4 });
    expect(isPartial(session)).toBe(false);
  });

  it('sends a record whole when it has nothing long, or is of a small kind', () => {
    const short = { ...session, notes: '', actions: {} };
    expect(summarizeRecord(short)).toBe(short);
    const unit = aUnit({ rev: 9, fieldVersions: { name: 9 } });
    expect(summarizeRecord(unit)).toBe(unit);
  });
});

describe('mergeSummaryOver', () => {
  it('keeps a full copy’s long fields and their versions under a newer summary, still partial', () => {
    const newer = {
      ...session,
      rev: 12,
      place: 'Balai desa',
      fieldVersions: { ...session.fieldVersions, place: 12 },
    };
    const merged = mergeSummaryOver(session, summarizeRecord(newer)) as Session;
    expect(merged).toMatchObject({
      place: 'Balai desa',
      notes: session.notes,
      actions: session.actions,
      partial: true,
    });
    expect(merged.fieldVersions).toMatchObject({ place: 12, notes: 9 });
  });

  it('leaves full records and summaries over summaries as they come', () => {
    const summary = summarizeRecord(session);
    expect(mergeSummaryOver(summary, session)).toBe(session);
    expect(mergeSummaryOver(summary, summary)).toBe(summary);
  });
});
