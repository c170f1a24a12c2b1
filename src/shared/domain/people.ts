/**
 * The tenant's people list: who has an account, searching by name, the order pickers offer people in (the
 * session's units first, then everyone), grouping by unit for the people screen, and the fields of an account's
 * own person record (written by the server). Pure: no browser or Node imports.
 */
import type { BodyOf, Person } from '../records';
import { splitWords } from './search';

/** Older person records have no `hasAccount`: they read as people without an account. */
export const hasAccount = (person: Pick<Person, 'hasAccount'>): boolean => person.hasAccount === true;

/** Older person records have no `position`. */
export const positionOf = (person: Pick<Person, 'position'>): string => person.position ?? '';

/**
 * Whether every word of `query` starts a word of the name ("sit ah" finds "Siti Aminah"), case and accents
 * ignored. An empty query matches everyone.
 */
export function nameMatches(name: string, query: string): boolean {
  const terms = splitWords(query);
  if (terms.length === 0) return true;
  const words = splitWords(name);
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

const byName = (a: Person, b: Person) => a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id);

export interface PickerPeople {
  /** People of the given units (any of them), by name. */
  inUnits: Person[];
  /** Everyone else, by name. */
  others: Person[];
}

/**
 * The people a picker offers: live records matching `query`, those in any of `unitIds` first, then the rest,
 * each part by name, without the ids in `exclude` (already picked).
 */
export function peopleForPicker(
  people: readonly Person[],
  opts: { unitIds?: readonly string[]; query?: string; exclude?: ReadonlySet<string> } = {},
): PickerPeople {
  const units = new Set(opts.unitIds ?? []);
  const inUnits: Person[] = [];
  const others: Person[] = [];
  for (const person of people) {
    if (person.deleted || opts.exclude?.has(person.id)) continue;
    if (!nameMatches(person.name, opts.query ?? '')) continue;
    (person.unitIds.some((u) => units.has(u)) ? inUnits : others).push(person);
  }
  return { inUnits: inUnits.sort(byName), others: others.sort(byName) };
}

export interface PeopleGroup {
  /** Unit id; '' for people without a unit. */
  unitId: string;
  people: Person[];
}

/**
 * The people screen's list: one group per unit (someone in two units is in both), groups in the order of
 * `unitOrder` (units unknown on this phone after them), people without a unit last; people by name.
 */
export function groupPeopleByUnit(
  people: readonly Person[],
  unitOrder: readonly string[],
  query = '',
): PeopleGroup[] {
  const groups = new Map<string, Person[]>();
  const add = (unitId: string, person: Person) => {
    const list = groups.get(unitId);
    if (list) list.push(person);
    else groups.set(unitId, [person]);
  };
  for (const person of people) {
    if (person.deleted || !nameMatches(person.name, query)) continue;
    if (person.unitIds.length === 0) add('', person);
    else for (const unitId of new Set(person.unitIds)) add(unitId, person);
  }
  const rank = new Map(unitOrder.map((id, i) => [id, i]));
  const order = (id: string) => (id === '' ? Infinity : (rank.get(id) ?? unitOrder.length));
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([unitId, list]) => ({ unitId, people: list.sort(byName) }));
}

/** What the server writes to the person record of an account (the rest, `position`, stays as people set it). */
export function accountPersonFields(account: {
  name: string;
  role: NonNullable<Person['role']>;
  unitIds: readonly string[];
}): Pick<BodyOf<'person'>, 'name' | 'role' | 'unitIds' | 'demo' | 'hasAccount'> {
  return {
    name: account.name,
    role: account.role,
    unitIds: [...new Set(account.unitIds)],
    demo: false,
    hasAccount: true,
  };
}

/** The body of a new person without an account (added on the phone). */
export function newPersonBody(input: {
  name: string;
  unitIds: readonly string[];
  position: string;
}): BodyOf<'person'> {
  return {
    name: input.name.trim(),
    role: null,
    unitIds: [...new Set(input.unitIds)],
    demo: false,
    hasAccount: false,
    position: input.position.trim(),
  };
}
