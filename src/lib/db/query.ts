/**
 * The query planner of `RecordStore.list`: which index answers a query, on raw rows (validated afterwards, up to
 * the page). See the README's "Search" for why a page walks the display order before the word index.
 */
import type { EntityTable } from 'dexie';
import type { RecordKind } from '../../shared/records';
import { searchTerms } from '../../shared/domain/search';
import { tableOf } from './context';
import type { RintisDexie, StoredRow } from './schema';
import type { ListQuery } from './types';
import { compareCodeUnits } from '../../shared/order';

type RecordTable = EntityTable<StoredRow, 'id'>;

/** Above this many search hits, a limited list walks the order index instead of loading every hit. */
const BROAD_SEARCH_HITS = 1_000;
/** A search page walk in display order reads at most this many rows per hit wanted before using the word index. */
const WALK_ROWS_PER_HIT = 12;
/** Comment hits read whole (then sorted) up to this many; beyond, the order comes from the index's keys. */
const SMALL_ROWS_READ_MAX = 400;
/** Rows the walk reads first, to see how common the words are. */
const WALK_FIRST_CHUNK = 16;

/**
 * The rows a query matches, not yet validated nor sorted (`sortRows`). `check` validates a row found outside
 * the indexes (which sets it aside when it does not validate).
 */
export async function queryRows(
  db: RintisDexie,
  kind: RecordKind,
  q: ListQuery,
  check: (row: StoredRow) => void,
): Promise<StoredRow[]> {
  const table = tableOf(db, kind);
  const match = rowFilter(kind, q);
  const terms = q.text ? searchTerms(q.text) : [];
  if (q.ids && terms.length === 0) {
    const rows = await table.bulkGet(q.ids);
    return rows.filter((r): r is StoredRow => r !== undefined && match(r));
  }
  if (terms.length > 0) {
    const orderIndex =
      kind === 'session' ? 'startsAt' : kind === 'draft' || kind === 'comment' ? 'updatedAt' : null;
    // A page of a search on common words: read records newest first and check their stored words, instead of
    // collecting every id holding each word (thousands for "inovasi" or "pelayanan"). Rare words give up the
    // walk early and go through the word index below.
    if (orderIndex && q.limit !== undefined) {
      const page = await walkForPage(table, orderIndex, terms, match, q.limit);
      if (page) return page;
    }
    const ids = await searchIds(table, terms);
    // Many hits and a page limit: walk the display-order index and stop at the page, instead of loading
    // every hit (a one-letter prefix can match most records).
    if (orderIndex && q.limit !== undefined && ids.length > BROAD_SEARCH_HITS) {
      const hit = new Set(ids);
      return table
        .orderBy(orderIndex)
        .reverse()
        .filter((r) => hit.has(r.id) && match(r))
        .limit(q.limit)
        .toArray();
    }
    // Drafts are large rows: with a page limit and several pages of hits, read the display order from the
    // index's keys alone and load only the first hits in that order, instead of every hit. Comments are
    // small: reading a few hundred of them costs less than every comment's key in order.
    const keyOrderFrom = kind === 'comment' ? SMALL_ROWS_READ_MAX : (q.limit ?? 0) * 4;
    if (orderIndex === 'updatedAt' && q.limit !== undefined && ids.length > keyOrderFrom) {
      const hit = new Set(ids);
      // Ascending (one getAllKeys call), reversed here: a reverse key cursor would step entry by entry.
      const keys = await table.orderBy(orderIndex).primaryKeys();
      const ordered = keys.reverse().filter((id) => hit.has(id));
      const out: StoredRow[] = [];
      for (let i = 0; i < ordered.length && out.length < q.limit; i += q.limit) {
        const rows = await table.bulkGet(ordered.slice(i, i + q.limit));
        for (const r of rows) if (r !== undefined && match(r)) out.push(r);
      }
      return out;
    }
    const rows = await table.bulkGet(ids);
    return rows.filter((r): r is StoredRow => r !== undefined && match(r));
  }
  switch (kind) {
    case 'session': {
      if (q.unitId) return table.where('unitIds').equals(q.unitId).filter(match).toArray();
      if (!q.from && !q.to) await sweepUnindexed(table, 'startsAt', check);
      // Index order is the display order (newest first), so the limit can be applied in the index.
      let c = table
        .where('startsAt')
        .between(q.from ?? '', `${q.to ?? '9999-12-31'}\uffff`, true, true)
        .reverse()
        .filter(match);
      if (q.limit !== undefined) c = c.limit(q.limit);
      return c.toArray();
    }
    case 'draft': {
      if (q.unitId) return table.where('unitId').equals(q.unitId).filter(match).toArray();
      await sweepUnindexed(table, 'updatedAt', check);
      let c = table.orderBy('updatedAt').reverse().filter(match);
      if (q.limit !== undefined) c = c.limit(q.limit);
      return c.toArray();
    }
    case 'checklist':
      if (q.draftId) return table.where('draftId').equals(q.draftId).filter(match).toArray();
      if (q.unitId) return table.where('unitId').equals(q.unitId).filter(match).toArray();
      return table.filter(match).toArray();
    case 'submission':
      if (q.draftId) return table.where('draftId').equals(q.draftId).filter(match).toArray();
      return table.filter(match).toArray();
    case 'conflict':
      if (q.recordId) return table.where('recordId').equals(q.recordId).filter(match).toArray();
      return table.filter(match).toArray();
    case 'comment':
      if (q.recordId) return table.where('recordId').equals(q.recordId).filter(match).toArray();
      if (q.recordIds) return table.where('recordId').anyOf(q.recordIds).filter(match).toArray();
      return table.filter(match).toArray();
    case 'attachment':
      if (q.parentId) return table.where('parentId').equals(q.parentId).filter(match).toArray();
      if (q.sha256s) return table.where('sha256').anyOf(q.sha256s).filter(match).toArray();
      return table.filter(match).toArray();
    default:
      return table.filter(match).toArray();
  }
}

/**
 * A row whose sort field is missing or of the wrong type is absent from that index, so an index-ordered list
 * would never see it (nor set it aside). Two counts detect that cheaply; only then are such rows looked up
 * and validated (which quarantines them).
 */
async function sweepUnindexed(
  table: RecordTable,
  index: 'startsAt' | 'updatedAt',
  check: (row: StoredRow) => void,
): Promise<void> {
  const indexed =
    index === 'startsAt'
      ? table.where(index).between('', '\uffff', true, true)
      : table.where(index).aboveOrEqual(-Infinity);
  const [all, inIndex] = await Promise.all([table.count(), indexed.count()]);
  if (all === inIndex) return;
  const valid = (v: unknown) => (index === 'startsAt' ? typeof v === 'string' : typeof v === 'number');
  const strays = await table.filter((row) => !valid(row[index])).toArray();
  for (const row of strays) check(row);
}

/**
 * The first `limit` rows in display order that hold every term, read in chunks from the order index; or null
 * when the hit rate seen so far says more than `limit * WALK_ROWS_PER_HIT` rows would be needed (the word
 * index is cheaper then). Same rows and order as the word index path: the order index's order, ties by id.
 */
async function walkForPage(
  table: RecordTable,
  orderIndex: 'startsAt' | 'updatedAt',
  terms: string[],
  match: (row: StoredRow) => boolean,
  limit: number,
): Promise<StoredRow[] | null> {
  const budget = Math.max(limit, 1) * WALK_ROWS_PER_HIT;
  const out: StoredRow[] = [];
  let scanned = 0;
  let chunk = Math.max(limit * 2, WALK_FIRST_CHUNK);
  while (out.length < limit) {
    const rows = await table.orderBy(orderIndex).reverse().offset(scanned).limit(chunk).toArray();
    scanned += rows.length;
    for (const row of rows) {
      if (rowHasTerms(row, terms) && match(row)) out.push(row);
      if (out.length >= limit) break;
    }
    // The whole table has been read: every hit is in `out`.
    if (rows.length < chunk) break;
    if (out.length >= limit) break;
    const rate = out.length / scanned;
    const needed = rate > 0 ? Math.ceil((limit - out.length) / rate) : Infinity;
    if (scanned + needed > budget) return null;
    chunk = Math.min(budget - scanned, Math.ceil(needed * 1.25));
  }
  return out;
}

/** Ids of records holding every term (the last one as a prefix), through the multi-entry word index. */
async function searchIds(table: RecordTable, terms: string[]): Promise<string[]> {
  const sets = await Promise.all(
    terms.map(async (term, i) => {
      const where = table.where('words');
      const keys = await (i === terms.length - 1 ? where.startsWith(term) : where.equals(term)).primaryKeys();
      return new Set(keys);
    }),
  );
  sets.sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = sets;
  if (!smallest) return [];
  return [...smallest].filter((id) => rest.every((s) => s.has(id)));
}

/** Filters on the raw row (cheap, before validation). */
function rowFilter(kind: RecordKind, q: ListQuery): (row: StoredRow) => boolean {
  return (row) => {
    if (!q.includeDeleted && row.deleted === true) return false;
    if (kind === 'session') {
      if (q.unitId && !(Array.isArray(row.unitIds) && row.unitIds.includes(q.unitId))) return false;
      const startsAt = typeof row.startsAt === 'string' ? row.startsAt : '';
      if (q.from && startsAt.slice(0, 10) < q.from) return false;
      if (q.to && startsAt.slice(0, 10) > q.to) return false;
    } else if ((kind === 'draft' || kind === 'checklist') && q.unitId && row.unitId !== q.unitId)
      return false;
    if ((kind === 'checklist' || kind === 'submission') && q.draftId && row.draftId !== q.draftId)
      return false;
    if ((kind === 'conflict' || kind === 'comment') && q.recordId && row.recordId !== q.recordId)
      return false;
    if (kind === 'comment' && q.recordIds && !q.recordIds.includes(String(row.recordId))) return false;
    if (kind === 'attachment' && q.parentId && row.parentId !== q.parentId) return false;
    if (kind === 'attachment' && q.sha256s && !q.sha256s.includes(String(row.sha256))) return false;
    return true;
  };
}

/** Whether a stored row's index words hold every term, the last as a prefix (what the word index answers). */
export function rowHasTerms(row: StoredRow, terms: readonly string[]): boolean {
  const words = row.words;
  if (!Array.isArray(words)) return false;
  const last = terms.length - 1;
  for (let i = 0; i < last; i++) if (!words.includes(terms[i]!)) return false;
  const prefix = terms[last];
  return prefix === undefined || words.some((w) => typeof w === 'string' && w.startsWith(prefix));
}

// Built on first use: a collator loads the locale's collation tables (tens of ms on a slow phone), and only the
// lists sorted by name (units, people) need one, never the first screen.
let collator: Intl.Collator | undefined;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Display order per kind, on raw rows (a malformed field sorts as empty and is quarantined when read). */
export function sortRows(kind: RecordKind, rows: StoredRow[], tiesByIdDesc = false): void {
  switch (kind) {
    case 'session':
      rows.sort((a, b) =>
        compareCodeUnits(`${str(b.startsAt)}|${str(b.id)}`, `${str(a.startsAt)}|${str(a.id)}`),
      );
      return;
    case 'draft':
    case 'conflict':
    case 'comment':
      rows.sort((a, b) => {
        const byTime = num(b.updatedAt) - num(a.updatedAt);
        if (byTime !== 0 || !tiesByIdDesc) return byTime;
        return compareCodeUnits(str(b.id), str(a.id));
      });
      return;
    case 'checklist':
    case 'submission':
    case 'attachment':
      rows.sort((a, b) => num(a.createdAt) - num(b.createdAt));
      return;
    default: {
      // The collator only once two different names are compared: a guest's one unit, or kinds without names
      // (templates, programmes), need none.
      rows.sort((a, b) => {
        const x = str(a.name);
        const y = str(b.name);
        return x === y ? 0 : (collator ??= new Intl.Collator('id')).compare(x, y);
      });
    }
  }
}
