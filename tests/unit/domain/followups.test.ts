import { describe, expect, it } from 'vitest';
import {
  collectFollowUps,
  daysBetween,
  filterFollowUps,
  followUpPeople,
  followUpState,
  groupFollowUps,
  personKey,
  type FollowUpSession,
} from '../../../src/shared/domain/followups';
import type { FollowUpAction } from '../../../src/shared/records';
import { aFollowUp } from '../../factories';

const U1 = '0190a5f0-0000-7000-8000-0000000000a1';
const U2 = '0190a5f0-0000-7000-8000-0000000000a2';
const id = (n: number) => `0190a5f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const action = (
  what: string,
  who: string,
  due: string,
  status: FollowUpAction['status'] = 'terbuka',
  order = 0,
) => aFollowUp({ what, who, due, status, order });
const session = (
  n: number,
  unitIds: string[],
  actions: FollowUpAction[],
  deleted = false,
): FollowUpSession => ({
  id: id(n),
  startsAt: `2025-09-0${n}T09:00`,
  unitIds,
  deleted,
  actions: Object.fromEntries(actions.map((a, i) => [id(n * 100 + i), a])),
});

const TODAY = '2025-09-10';

describe('followUpState', () => {
  it('tells overdue, today, soon, later, no date and closed apart', () => {
    expect(followUpState({ due: '2025-09-09', status: 'terbuka' }, TODAY)).toBe('overdue');
    expect(followUpState({ due: '2025-09-10', status: 'terbuka' }, TODAY)).toBe('today');
    expect(followUpState({ due: '2025-09-17', status: 'terbuka' }, TODAY)).toBe('soon');
    expect(followUpState({ due: '2025-09-18', status: 'terbuka' }, TODAY)).toBe('later');
    expect(followUpState({ due: '', status: 'terbuka' }, TODAY)).toBe('no-date');
    // Done before or after the due date is done, never overdue.
    expect(followUpState({ due: '2025-01-01', status: 'selesai' }, TODAY)).toBe('done');
    expect(followUpState({ due: '2025-01-01', status: 'batal' }, TODAY)).toBe('cancelled');
  });
  it('counts calendar days across months and years', () => {
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2); // leap year
  });
});

describe('collectFollowUps', () => {
  const sessions = [
    session(
      1,
      [U1],
      [
        action('Susun SOP', 'Bu Sari', '2025-09-20'),
        action('Foto layanan', 'Budi', '2025-09-01'),
        action('Kirim data', 'budi ', '2025-09-05', 'selesai'),
      ],
    ),
    session(2, [U1, U2], [action('Rapat tim', '', ''), action('', '', '')]),
    session(3, [], [action('Survei kepuasan', 'bu  sari', '2025-09-10')]),
    session(4, [U2], [action('Terhapus', 'X', '2025-09-01')], true),
  ];
  const items = collectFollowUps(sessions, TODAY);

  it('takes every action of every live session, most urgent first, skipping blank rows', () => {
    expect(items.map((i) => [i.action.what, i.state, i.daysLeft])).toEqual([
      ['Foto layanan', 'overdue', -9],
      ['Survei kepuasan', 'today', 0],
      ['Susun SOP', 'later', 10],
      ['Rapat tim', 'no-date', null],
      ['Kirim data', 'done', -5],
    ]);
    expect(items[0]).toMatchObject({ sessionId: id(1), unitIds: [U1], sessionStartsAt: '2025-09-01T09:00' });
  });

  it('filters by unit ("" = no unit), by person, and hides closed actions unless asked', () => {
    expect(filterFollowUps(items, {}).map((i) => i.action.what)).toEqual([
      'Foto layanan',
      'Survei kepuasan',
      'Susun SOP',
      'Rapat tim',
    ]);
    expect(filterFollowUps(items, { unitId: U2 }).map((i) => i.action.what)).toEqual(['Rapat tim']);
    expect(filterFollowUps(items, { unitId: '' }).map((i) => i.action.what)).toEqual(['Survei kepuasan']);
    expect(
      filterFollowUps(items, { person: personKey('BUDI'), includeClosed: true }).map((i) => i.action.what),
    ).toEqual(['Foto layanan', 'Kirim data']);
    expect(filterFollowUps(items, { person: '' }).map((i) => i.action.what)).toEqual(['Rapat tim']);
  });

  it('groups by unit (a two-unit session in both), overdue groups first, "no unit" last', () => {
    const names = new Map([
      [U1, 'Puskesmas Mawar'],
      [U2, 'Dinas Kesehatan'],
    ]);
    const groups = groupFollowUps(filterFollowUps(items, {}), 'unit', names);
    expect(
      groups.map((g) => [g.name, g.items.map((i) => i.action.what), g.overdue, g.dueSoon, g.open]),
    ).toEqual([
      ['Puskesmas Mawar', ['Foto layanan', 'Susun SOP', 'Rapat tim'], 1, 0, 3],
      ['Dinas Kesehatan', ['Rapat tim'], 0, 0, 1],
      ['', ['Survei kepuasan'], 0, 1, 1],
    ]);
  });

  it('groups by person whatever the case and spacing, naming them as first written; nobody named last', () => {
    const groups = groupFollowUps(items, 'person');
    expect(groups.map((g) => [g.key, g.name, g.items.length, g.overdue])).toEqual([
      ['budi', 'Budi', 2, 1],
      ['bu sari', 'bu sari', 2, 0],
      ['', '', 1, 0],
    ]);
    // Named as the people filter names them, whatever items the filter left.
    const named = groupFollowUps(
      filterFollowUps(items, { unitId: '' }),
      'person',
      new Map([['bu sari', 'Bu Sari']]),
    );
    expect(named.map((g) => g.name)).toEqual(['Bu Sari']);
    expect(followUpPeople(items)).toEqual([
      { key: 'bu sari', name: 'bu sari' },
      { key: 'budi', name: 'Budi' },
    ]);
  });
});
