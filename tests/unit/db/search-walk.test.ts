import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freshStore } from './helpers';
import { rowHasTerms } from '../../../src/lib/db/query';
import { indexWords, searchTerms } from '../../../src/shared/domain/search';
import type { AnyRecord, Draft } from '../../../src/shared/records';
import { aComment, aDraft, aSession } from '../../factories';

afterEach(cleanup);

describe('rowHasTerms (the word index, answered from a row)', () => {
  const row = { id: 'r1', words: ['kepala', 'dinas', 'pelayanan', 'perizinan'] };

  it('needs every earlier term as a whole word and the last one as a prefix', () => {
    expect(rowHasTerms(row, ['kepala', 'din'])).toBe(true);
    expect(rowHasTerms(row, ['dinas', 'kepala'])).toBe(true);
    expect(rowHasTerms(row, ['kep', 'dinas'])).toBe(false);
    expect(rowHasTerms(row, ['kepala', 'camat'])).toBe(false);
    expect(rowHasTerms(row, ['peri'])).toBe(true);
  });

  it('finds nothing in a row without index words', () => {
    expect(rowHasTerms({ id: 'r2' }, ['kepala'])).toBe(false);
    expect(rowHasTerms({ id: 'r3', words: 'kepala' as unknown as string[] }, ['kepala'])).toBe(false);
  });
});

/** Deterministic pseudo-random numbers, so a failure repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// Word frequencies from "in every record" to "in a few": the walk in display order serves the common ones, the
// word index the rare ones; both must give the same page.
const VOCABULARY: [string, number][] = [
  ['inovasi', 0.97],
  ['pelayanan', 0.9],
  ['kepala', 0.6],
  ['dinas', 0.3],
  ['perizinan', 0.12],
  ['puskesmas', 0.04],
  ['camat', 0.01],
];

function text(rand: () => number): string {
  return VOCABULARY.filter(([, p]) => rand() < p)
    .map(([w]) => (rand() < 0.2 ? `${w}nya` : w))
    .join(' ');
}

function envelope(rand: () => number) {
  // Few distinct times: many records tie on their order field, which the order must break the same way.
  const updatedAt = 1_700_000_000_000 + Math.floor(rand() * 40);
  return {
    createdAt: updatedAt,
    updatedAt,
    createdBy: 'other',
    updatedBy: 'other',
    deleted: rand() < 0.05,
    rev: 1,
  };
}

async function seeded() {
  const store = await freshStore();
  const rand = rng(7);
  const records: AnyRecord[] = [];
  for (let i = 0; i < 400; i++) {
    records.push(
      aSession({
        ...envelope(rand),
        startsAt: `2025-0${1 + Math.floor(rand() * 3)}-1${Math.floor(rand() * 3)}T09:00`,
        notes: text(rand),
      }),
    );
  }
  const drafts: Draft[] = [];
  for (let i = 0; i < 150; i++) {
    const draft = aDraft({ ...envelope(rand), title: text(rand) });
    drafts.push(draft);
    records.push(draft);
    records.push(
      aComment({
        ...envelope(rand),
        recordId: draft.id,
        text: text(rand),
        authorId: 'other',
        authorName: 'Fasilitator',
      }),
    );
  }
  await store.applyRemote(records);
  return { store, records };
}

/** What a search page must be: every live record holding the words, newest first, ties by id (newest first). */
function expected(records: AnyRecord[], kind: 'session' | 'draft' | 'comment', query: string, limit: number) {
  const terms = searchTerms(query);
  const key = (r: AnyRecord) => (r.kind === 'session' ? r.startsAt : String(r.updatedAt).padStart(16, '0'));
  return records
    .filter((r) => r.kind === kind && !r.deleted && rowHasTerms({ id: r.id, words: indexWords(r) }, terms))
    .sort((a, b) => (key(a) === key(b) ? (a.id < b.id ? 1 : -1) : key(a) < key(b) ? 1 : -1))
    .slice(0, limit)
    .map((r) => r.id);
}

describe('a search page: walk in display order or word index, the same records in the same order', () => {
  it('common and rare words, one or two terms, several page sizes', async () => {
    const { store, records } = await seeded();
    const queries = [
      'inovasi',
      'inovasi pelayanan',
      'kepala dinas',
      'perizinan',
      'puskesmas',
      'camat',
      'pelayanan camat',
      'inov',
      'dinasnya',
      'tidakada',
    ];
    let pages = 0;
    for (const kind of ['session', 'draft', 'comment'] as const) {
      for (const query of queries) {
        for (const limit of [1, 5, 11, 26]) {
          const got = (await store.list(kind, { text: query, limit })).map((r) => r.id);
          expect(got, `${kind} "${query}" limit ${limit}`).toEqual(expected(records, kind, query, limit));
          if (got.length > 0) pages++;
        }
      }
    }
    // The queries really found things (a test of empty pages would prove nothing).
    expect(pages).toBeGreaterThan(80);
  });
});
