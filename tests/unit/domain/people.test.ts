import { describe, expect, it } from 'vitest';
import {
  accountPersonFields,
  groupPeopleByUnit,
  hasAccount,
  nameMatches,
  newPersonBody,
  peopleForPicker,
  positionOf,
} from '../../../src/shared/domain/people';
import { personBodySchema, personSchema, type Person } from '../../../src/shared/records';
import { aPerson, anEnvelope } from '../../factories';

const U1 = '0190a5f0-0000-7000-8000-0000000000a1';
const U2 = '0190a5f0-0000-7000-8000-0000000000a2';
const U3 = '0190a5f0-0000-7000-8000-0000000000a3';
let n = 0;
const person = (name: string, unitIds: string[] = [], patch: Partial<Person> = {}): Person =>
  aPerson({ id: `0190a5f0-0000-7000-8000-${String(++n).padStart(12, '0')}`, name, unitIds, ...patch });
const names = (list: Person[]) => list.map((p) => p.name);

describe('person records', () => {
  it('reads older records without hasAccount and position (no account, no position)', () => {
    const old = { name: 'Budi', role: 'innovator', unitIds: [], demo: true };
    expect(personBodySchema.safeParse(old).success).toBe(true);
    const parsed = personSchema.parse({ ...anEnvelope(), kind: 'person', ...old });
    expect(hasAccount(parsed)).toBe(false);
    expect(positionOf(parsed)).toBe('');
  });

  it('a person without an account has no role; a new one is built trimmed and valid', () => {
    const body = newPersonBody({ name: '  Siti Aminah ', unitIds: [U1, U1], position: ' Kader posyandu ' });
    expect(body).toEqual({
      name: 'Siti Aminah',
      role: null,
      unitIds: [U1],
      demo: false,
      hasAccount: false,
      position: 'Kader posyandu',
    });
    expect(personBodySchema.safeParse(body).success).toBe(true);
    expect(personBodySchema.safeParse({ ...body, name: '' }).success).toBe(false);
    expect(personBodySchema.safeParse({ ...body, position: 'x'.repeat(201) }).success).toBe(false);
  });

  it("an account's fields carry its role and units and mark it as an account", () => {
    expect(accountPersonFields({ name: 'Rina', role: 'facilitator', unitIds: [U1, U2, U1] })).toEqual({
      name: 'Rina',
      role: 'facilitator',
      unitIds: [U1, U2],
      demo: false,
      hasAccount: true,
    });
  });
});

describe('searching by name', () => {
  it('matches every word as the start of a word, ignoring case and accents', () => {
    expect(nameMatches('Siti Aminah', 'sit ami')).toBe(true);
    expect(nameMatches('Siti Aminah', 'AMINAH')).toBe(true);
    expect(nameMatches('Désa Ré', 'desa re')).toBe(true);
    expect(nameMatches('Siti Aminah', 'mina')).toBe(false);
    expect(nameMatches('Siti Aminah', 'siti budi')).toBe(false);
    expect(nameMatches('Siti Aminah', '   ')).toBe(true);
  });
});

describe('peopleForPicker', () => {
  const rina = person('Rina', [U1]);
  const budi = person('Budi', [U2]);
  const ani = person('Ani', [U1, U2]);
  const zaenal = person('Zaenal');
  const gone = person('Agus', [U1], { deleted: true });
  const all = [rina, budi, ani, zaenal, gone];

  it("offers the units' people first, then everyone else, each by name, without deleted ones", () => {
    const { inUnits, others } = peopleForPicker(all, { unitIds: [U1] });
    expect(names(inUnits)).toEqual(['Ani', 'Rina']);
    expect(names(others)).toEqual(['Budi', 'Zaenal']);
  });

  it('filters by the search words and leaves out those already picked', () => {
    const { inUnits, others } = peopleForPicker(all, {
      unitIds: [U1],
      query: 'a',
      exclude: new Set([rina.id]),
    });
    expect(names(inUnits)).toEqual(['Ani']);
    expect(names(others)).toEqual([]);
    expect(names(peopleForPicker(all, { query: 'zae' }).others)).toEqual(['Zaenal']);
  });

  it('without units everyone is in "others"', () => {
    expect(peopleForPicker(all).inUnits).toEqual([]);
    expect(peopleForPicker(all).others).toHaveLength(4);
  });
});

describe('groupPeopleByUnit', () => {
  it('groups by unit in the units order (unknown units after them), someone in two units in both, no unit last', () => {
    const people = [
      person('Rina', [U2]),
      person('Ani', [U1, U2]),
      person('Zaenal'),
      person('Budi', [U3]),
      person('Agus', [U1], { deleted: true }),
    ];
    const groups = groupPeopleByUnit(people, [U2, U1]);
    expect(groups.map((g) => [g.unitId, names(g.people)])).toEqual([
      [U2, ['Ani', 'Rina']],
      [U1, ['Ani']],
      [U3, ['Budi']],
      ['', ['Zaenal']],
    ]);
    expect(groupPeopleByUnit(people, [U2, U1], 'rin').map((g) => [g.unitId, names(g.people)])).toEqual([
      [U2, ['Rina']],
    ]);
  });

  it('keeps 200 people in order quickly', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      person(`Orang ${String(200 - i).padStart(3, '0')}`, [i % 2 ? U1 : U2]),
    );
    const groups = groupPeopleByUnit(many, [U1, U2]);
    expect(groups.map((g) => g.people.length)).toEqual([100, 100]);
    expect(groups[0]!.people[0]!.name).toBe('Orang 001');
  });
});
