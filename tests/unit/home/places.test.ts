import { describe, expect, it } from 'vitest';
import { directPlace, hrefOf, placeStep } from '../../../src/lib/home/places';
import type { AnyRecord } from '../../../src/shared/records';

const DRAFT = '0190a5f0-0000-7000-8000-000000000001';
const ID = '0190a5f0-0000-7000-8000-000000000002';
/** Only the fields `placeStep` reads: the rest of a record does not decide its place. */
const record = (fields: Record<string, unknown>) => ({ id: ID, ...fields }) as unknown as AnyRecord;

describe('where a record is acted on', () => {
  it('drafts, sessions and checklists on their screens; units and people on theirs', () => {
    expect(hrefOf(directPlace('draft', DRAFT)!)).toBe(`/rancangan/${DRAFT}`);
    expect(hrefOf(directPlace('session', ID)!)).toBe(`/sesi/${ID}`);
    expect(hrefOf(directPlace('unit', ID)!)).toBe('/unit');
    expect(hrefOf(directPlace('person', ID)!)).toBe('/orang');
    expect(directPlace('checklist', ID)).toBeNull(); // its draft must be read first
    const checklist = placeStep(record({ kind: 'checklist', draftId: DRAFT }));
    expect(checklist && 'place' in checklist && hrefOf(checklist.place)).toBe(
      `/rancangan/${DRAFT}/daftar-periksa/${ID}`,
    );
  });

  it('a comment and a submission on their draft; a file where its parent is; a conflict nowhere', () => {
    expect(placeStep(record({ kind: 'comment', recordId: DRAFT }))).toEqual({
      place: { screen: 'draft', id: DRAFT },
    });
    expect(placeStep(record({ kind: 'submission', draftId: DRAFT }))).toEqual({
      place: { screen: 'draft', id: DRAFT },
    });
    expect(placeStep(record({ kind: 'attachment', parentKind: 'checklist', parentId: DRAFT }))).toEqual({
      parent: { kind: 'checklist', id: DRAFT },
    });
    expect(placeStep(record({ kind: 'conflict', recordId: DRAFT }))).toBeNull();
  });
});
