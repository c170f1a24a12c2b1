/**
 * The pieces of the script/HTML payload test that need no browser: the schema walk that finds every free-text
 * field (the end-to-end test fills them all), and a static check that the app never renders stored text as HTML
 * ({@html}, innerHTML and the like) without a sanitizer named beside it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS, RECORD_KINDS, type RecordKind } from '../../../src/shared/records';
import {
  NOT_TEXT,
  fillText,
  payloadFor,
  textFieldPaths,
  undocumentedHtmlSinks,
  xssBodies,
} from '../../security/textFields';

const ROOT = join(import.meta.dirname, '../../..');
const IDS = {
  unit: '0190a000-0000-7000-8000-000000000001',
  person: '0190a000-0000-7000-8000-000000000002',
  session: '0190a000-0000-7000-8000-000000000003',
  draft: '0190a000-0000-7000-8000-000000000004',
  checklist: '0190a000-0000-7000-8000-000000000005',
  participant: '0190a000-0000-7000-8000-000000000006',
  action: '0190a000-0000-7000-8000-000000000007',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('free-text fields from the record schemas', () => {
  it('finds the text people type in every kind, map entries included', () => {
    expect(textFieldPaths('unit')).toEqual(['unit.name']);
    expect(textFieldPaths('person')).toEqual(['person.name', 'person.position']);
    expect(textFieldPaths('session')).toEqual([
      'session.place',
      'session.facilitatorName',
      'session.participants.*.name',
      'session.topics',
      'session.notes',
      'session.agreements',
      'session.actions.*.what',
      'session.actions.*.who',
    ]);
    expect(textFieldPaths('draft')).toEqual([
      'draft.title',
      'draft.team',
      'draft.sections.*',
      'draft.metadata.*',
      'draft.metadata.*[]',
      'draft.sent.competition',
    ]);
    expect(textFieldPaths('checklist')).toEqual(['checklist.items.*.evidence']);
    expect(textFieldPaths('conflict')).toEqual(['conflict.winnerName', 'conflict.loserName']);
  });

  it('leaves out only identifiers that exist, each with a reason', () => {
    for (const [path, reason] of Object.entries(NOT_TEXT)) {
      const [kind, field] = path.split('.') as [RecordKind, string];
      expect(RECORD_KINDS).toContain(kind);
      expect(Object.keys(BODY_SCHEMAS[kind].shape)).toContain(field);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('fills every text field of every kind with a payload and keeps the bodies valid', () => {
    const bodies = xssBodies(IDS, new Date(Date.UTC(2026, 5, 1)));
    for (const [kind, body] of Object.entries(bodies) as [Exclude<RecordKind, 'conflict'>, unknown][]) {
      expect(BODY_SCHEMAS[kind].safeParse(body).success, kind).toBe(true);
      const { filled } = fillText(kind, body);
      expect([...filled].sort(), kind).toEqual(textFieldPaths(kind).sort());
      const json = JSON.stringify(body);
      expect(json, kind).toContain('<img src=x onerror=');
      expect(json, kind).not.toMatch(/"x"/);
    }
    expect(payloadFor('session.notes', 1)).toContain('<script>');
    expect(payloadFor('session.notes', 3)).toMatch(/^javascript:/);
  });
});

describe('no stored text rendered as HTML', () => {
  // A sink is allowed only with `sanitized by <function>` on its line or the line above, naming a function
  // exported from src/ (none exists today: the app renders all text as text).
  it('has no {@html}, innerHTML, insertAdjacentHTML or document.write in src/ without a named sanitizer', () => {
    const sources = new Map(
      files(join(ROOT, 'src'))
        .filter((f) => /\.(svelte|ts|js)$/.test(f))
        .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8')]),
    );
    expect(sources.size).toBeGreaterThan(50);
    expect(undocumentedHtmlSinks(sources)).toEqual([]);
  });

  it('flags each kind of sink, and accepts one only beside an exported sanitizer', () => {
    const found = undocumentedHtmlSinks(
      new Map([
        ['a.svelte', '<p>{@html record.notes}</p>'],
        ['b.ts', 'el.innerHTML = text;\nel.insertAdjacentHTML("beforeend", t);\ndocument.write(t);'],
        ['c.ts', 'const d = new DOMParser();\nframe.srcdoc = html;\nel.outerHTML = x;'],
        ['d.svelte', '<!-- sanitized by cleanHtml -->\n{@html cleanHtml(notes)}'],
        ['e.svelte', '<!-- sanitized by notExported -->\n{@html notExported(notes)}'],
        ['lib.ts', 'export function cleanHtml(s: string): string { return s; }'],
      ]),
    );
    expect(found.map((f) => f.split(':').slice(0, 2).join(':'))).toEqual([
      'a.svelte:1',
      'b.ts:1',
      'b.ts:2',
      'b.ts:3',
      'c.ts:1',
      'c.ts:2',
      'c.ts:3',
      'e.svelte:2',
    ]);
  });
});
