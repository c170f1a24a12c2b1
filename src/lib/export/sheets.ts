/**
 * What the spreadsheet exports hold (coverage, sessions, follow-ups), apart from how the file is written: plain
 * rows of text and numbers with readable labels, never stored keys. Pure: no browser imports; xlsx.ts writes them.
 */
import { formatLocal } from '../i18n/format';
import type { FollowUpItem } from '../../shared/domain';
import type { Session } from '../../shared/records';
import type { Translate } from './strings';

type Lang = 'id' | 'en';
export type Cell = string | number;

export interface OutputSheet {
  /** Sheet name (at most 31 characters, as Excel allows). */
  name: string;
  columns: { header: string; width: number }[];
  rows: Cell[][];
  /** A last row set in bold (totals). */
  footer?: Cell[];
  /** Lines of text under the table, after a blank row (what the counts mean). */
  notes?: string[];
}

export interface SheetFile {
  fileBase: string;
  sheets: OutputSheet[];
}

/** A count column of the coverage tables, as the screen has it. */
export interface CountColumn<R> {
  label: string;
  count: (row: R) => number;
}

/** Units of one type, as the coverage screen counts them (`type`: the type's name as people read it). */
export interface UnitTypeCount {
  type: string;
  units: number;
  withInnovation: number;
}

/**
 * Coverage for a programme year: a row per unit with its counts, then the totals (the screen's two tables side by
 * side), and `notes` under them (the rule the counts follow); with `byType`, a second sheet of units with an
 * innovation per unit type.
 */
export function coverageSheet<C, R extends C>(
  year: number,
  rows: readonly R[],
  totals: C,
  nameOf: (row: R) => string,
  columns: readonly CountColumn<C>[],
  tr: Translate,
  more: { notes?: readonly string[]; byType?: readonly UnitTypeCount[] } = {},
): SheetFile {
  const notes = more.notes ? [...more.notes] : undefined;
  const perUnit: OutputSheet = {
    name: tr('sheet.coverage', { year }),
    columns: [
      { header: tr('sheet.unit'), width: 40 },
      ...columns.map((c) => ({ header: c.label, width: Math.max(12, c.label.length + 2) })),
    ],
    rows: rows.map((r) => [nameOf(r), ...columns.map((c) => c.count(r))]),
    footer: [tr('sheet.totals'), ...columns.map((c) => c.count(totals))],
    ...(notes ? { notes } : {}),
  };
  const byType = more.byType;
  const perType: OutputSheet[] = byType
    ? [
        {
          name: tr('sheet.coverageByType', { year }),
          columns: [
            { header: tr('sheet.unitType'), width: 40 },
            { header: tr('sheet.units'), width: 10 },
            { header: tr('sheet.withInnovation'), width: 16 },
            { header: tr('sheet.withoutInnovation'), width: 16 },
          ],
          rows: byType.map((t) => [t.type, t.units, t.withInnovation, t.units - t.withInnovation]),
          footer: [
            tr('sheet.totals'),
            ...[
              (t: UnitTypeCount) => t.units,
              (t: UnitTypeCount) => t.withInnovation,
              (t: UnitTypeCount) => t.units - t.withInnovation,
            ].map((of) => byType.reduce((sum, t) => sum + of(t), 0)),
          ],
          ...(notes ? { notes } : {}),
        },
      ]
    : [];
  return { fileBase: `cakupan-inovasi-${year}`, sheets: [perUnit, ...perType] };
}

/** Every coaching session, newest first: when, where, units, facilitator, attendance, agreements, follow-ups. */
export function sessionsSheet(
  sessions: readonly Session[],
  unitNames: ReadonlyMap<string, string>,
  lang: Lang,
  tr: Translate,
): SheetFile {
  const sorted = sessions.filter((s) => !s.deleted).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return {
    fileBase: 'sesi-pendampingan',
    sheets: [
      {
        name: tr('sheet.sessions'),
        columns: [
          { header: tr('session.when'), width: 22 },
          { header: tr('session.place'), width: 24 },
          { header: tr('session.units'), width: 32 },
          { header: tr('session.facilitator'), width: 22 },
          { header: tr('sheet.present'), width: 10 },
          { header: tr('sheet.participants'), width: 10 },
          { header: tr('session.topics'), width: 40 },
          { header: tr('session.agreements'), width: 40 },
          { header: tr('sheet.openActions'), width: 14 },
        ],
        rows: sorted.map((s) => {
          const people = Object.values(s.participants);
          return [
            s.startsAt ? formatLocal(s.startsAt, lang) : '',
            s.place,
            s.unitIds.map((id) => unitNames.get(id) ?? tr('sheet.unknownUnit')).join('; '),
            s.facilitatorName,
            people.filter((p) => p.present).length,
            people.length,
            s.topics,
            s.agreements,
            Object.values(s.actions).filter((a) => a.status === 'terbuka').length,
          ];
        }),
      },
    ],
  };
}

/** Follow-ups as the screen lists them (already filtered and ordered), with their session and units. */
export function followUpsSheet(
  items: readonly FollowUpItem[],
  sessions: ReadonlyMap<string, Pick<Session, 'place'>>,
  unitNames: ReadonlyMap<string, string>,
  lang: Lang,
  tr: Translate,
): SheetFile {
  return {
    fileBase: 'tindak-lanjut',
    sheets: [
      {
        name: tr('sheet.followUps'),
        columns: [
          { header: tr('session.actionWhat'), width: 40 },
          { header: tr('session.actionWho'), width: 22 },
          { header: tr('session.actionDue'), width: 16 },
          { header: tr('session.actionStatus'), width: 14 },
          { header: tr('sheet.overdue'), width: 12 },
          { header: tr('sheet.session'), width: 22 },
          { header: tr('session.place'), width: 24 },
          { header: tr('session.units'), width: 32 },
        ],
        rows: items.map((i) => [
          i.action.what,
          i.action.who,
          i.action.due ? formatLocal(i.action.due, lang) : '',
          tr(`status.${i.action.status}`),
          i.state === 'overdue' ? tr('sheet.yes') : '',
          i.sessionStartsAt ? formatLocal(i.sessionStartsAt, lang) : '',
          sessions.get(i.sessionId)?.place ?? '',
          i.unitIds.map((id) => unitNames.get(id) ?? tr('sheet.unknownUnit')).join('; '),
        ]),
      },
    ],
  };
}
