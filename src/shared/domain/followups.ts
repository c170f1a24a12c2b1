/**
 * Follow-ups across coaching sessions ("Tindak lanjut"): every action of every session, with its due state on a
 * given day, filtered and grouped by unit or by person. Pure: no browser or Node imports; "today" is a parameter
 * (`YYYY-MM-DD`, the phone's local day), because a due date is a day, not an instant.
 */
import type { FollowUpAction, RecordId, Session } from '../records';
import { compareCodeUnits } from '../order';

/**
 * - overdue: due before today and still open;
 * - today: due today and open; soon: due within SOON_DAYS; later: due after that;
 * - no-date: open without a due date; done / cancelled: closed ("selesai" / "batal").
 */
export type FollowUpState = 'overdue' | 'today' | 'soon' | 'later' | 'no-date' | 'done' | 'cancelled';

/** Open actions due within this many days count as "soon". */
export const SOON_DAYS = 7;

export interface FollowUpItem {
  sessionId: RecordId;
  actionId: RecordId;
  action: FollowUpAction;
  /** The session's `startsAt` (`YYYY-MM-DDTHH:mm`) and its units. */
  sessionStartsAt: string;
  unitIds: RecordId[];
  state: FollowUpState;
  /** Whole days from today to the due date (negative when overdue); null without a date. */
  daysLeft: number | null;
}

export type FollowUpSession = Pick<Session, 'id' | 'startsAt' | 'unitIds' | 'actions' | 'deleted'>;

/** Days between two `YYYY-MM-DD` dates, counted on the calendar (no time zone, no daylight saving). */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

export function followUpState(action: Pick<FollowUpAction, 'due' | 'status'>, today: string): FollowUpState {
  if (action.status === 'selesai') return 'done';
  if (action.status === 'batal') return 'cancelled';
  if (!action.due) return 'no-date';
  const days = daysBetween(today, action.due);
  if (days < 0) return 'overdue';
  if (days === 0) return 'today';
  return days <= SOON_DAYS ? 'soon' : 'later';
}

const STATE_ORDER: Record<FollowUpState, number> = {
  overdue: 0,
  today: 1,
  soon: 2,
  later: 3,
  'no-date': 4,
  done: 5,
  cancelled: 6,
};

/** Most urgent first: overdue (oldest first), due today, by date, without a date, then closed ones. */
export function compareFollowUps(a: FollowUpItem, b: FollowUpItem): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    compareCodeUnits(a.action.due || '9999', b.action.due || '9999') ||
    compareCodeUnits(a.sessionStartsAt, b.sessionStartsAt) ||
    a.action.order - b.action.order ||
    compareCodeUnits(a.actionId, b.actionId)
  );
}

/** Every action of every (not deleted) session, most urgent first. Actions with no text at all are skipped. */
export function collectFollowUps(sessions: readonly FollowUpSession[], today: string): FollowUpItem[] {
  const items: FollowUpItem[] = [];
  for (const session of sessions) {
    if (session.deleted) continue;
    for (const [actionId, action] of Object.entries(session.actions)) {
      if (!action.what.trim() && !action.who.trim()) continue;
      items.push({
        sessionId: session.id,
        actionId,
        action,
        sessionStartsAt: session.startsAt,
        unitIds: session.unitIds,
        state: followUpState(action, today),
        daysLeft: action.due ? daysBetween(today, action.due) : null,
      });
    }
  }
  return items.sort(compareFollowUps);
}

/** The person an action is for, as a grouping key: "Bu  Sari" and "bu sari" are the same person. */
export function personKey(who: string): string {
  return who.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
}

export interface FollowUpFilter {
  /** A unit id; '' for sessions without a unit; undefined for all. */
  unitId?: string;
  /** A `personKey`; '' for actions nobody is named for; undefined for all. */
  person?: string;
  /** Also show done and cancelled actions. */
  includeClosed?: boolean;
}

export function filterFollowUps(items: readonly FollowUpItem[], filter: FollowUpFilter): FollowUpItem[] {
  return items.filter(
    (item) =>
      (filter.includeClosed || (item.state !== 'done' && item.state !== 'cancelled')) &&
      (filter.unitId === undefined ||
        (filter.unitId === '' ? item.unitIds.length === 0 : item.unitIds.includes(filter.unitId))) &&
      (filter.person === undefined || personKey(item.action.who) === filter.person),
  );
}

export interface FollowUpGroup {
  /** Unit id or person key; '' for "no unit" / "nobody named". */
  key: string;
  /** Unit name or the person's name as first written; '' for the '' group (the screen labels it). */
  name: string;
  items: FollowUpItem[];
  overdue: number;
  /** Open and due today or within SOON_DAYS. */
  dueSoon: number;
  open: number;
}

/**
 * Groups by unit (an action of a session with two units is in both groups) or by person. `names` maps unit
 * ids (or person keys) to the names shown; a person without one is named as first written in the items. Groups
 * with overdue actions come first, then by name; the '' group last. Items keep their order (most urgent first).
 */
export function groupFollowUps(
  items: readonly FollowUpItem[],
  by: 'unit' | 'person',
  names: ReadonlyMap<string, string> = new Map(),
): FollowUpGroup[] {
  const groups = new Map<string, FollowUpGroup>();
  const add = (key: string, name: string, item: FollowUpItem) => {
    let group = groups.get(key);
    if (!group) {
      group = { key, name, items: [], overdue: 0, dueSoon: 0, open: 0 };
      groups.set(key, group);
    }
    group.items.push(item);
    if (item.state === 'overdue') group.overdue++;
    if (item.state === 'today' || item.state === 'soon') group.dueSoon++;
    if (item.state !== 'done' && item.state !== 'cancelled') group.open++;
  };
  for (const item of items) {
    if (by === 'person') {
      const key = personKey(item.action.who);
      add(key, key ? (names.get(key) ?? item.action.who.trim().replace(/\s+/g, ' ')) : '', item);
    } else if (item.unitIds.length === 0) add('', '', item);
    else for (const unitId of item.unitIds) add(unitId, names.get(unitId) ?? '', item);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.key === '') - Number(b.key === '') ||
      Number(b.overdue > 0) - Number(a.overdue > 0) ||
      a.name.localeCompare(b.name, 'id') ||
      compareCodeUnits(a.key, b.key),
  );
}

/** The people named in the items, for a filter: key and name as first written, sorted by name. */
export function followUpPeople(items: readonly FollowUpItem[]): { key: string; name: string }[] {
  const people = new Map<string, string>();
  for (const item of items) {
    const key = personKey(item.action.who);
    if (key && !people.has(key)) people.set(key, item.action.who.trim().replace(/\s+/g, ' '));
  }
  return [...people].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name, 'id'));
}
