/**
 * The pieces of the script/HTML payload test that need no browser: the schema walk that finds every free-text
 * field (the end-to-end test fills them all), and a static check that the app never renders stored text as HTML
 * ({@html}, innerHTML and the like) without a sanitizer named beside it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS, RECORD_KINDS, type RecordKind } from '../../../src/shared/records';
import { NOT_TEXT, fillText, payloadFor, textFieldPaths, xssBodies } from '../../security/textFields';

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
    expect(textFieldPaths('person')).toEqual(['person.name']);
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
  const SINKS = /\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|DOMParser/;
  // A sink is allowed only with `sanitized by <function>` on its line or the line above, naming a function
  // exported from src/ (none exists today: the app renders all text as text).
  it('has no {@html}, innerHTML, insertAdjacentHTML or document.write in src/ without a named sanitizer', () => {
    const sources = files(join(ROOT, 'src')).filter((f) => /\.(svelte|ts|js)$/.test(f));
    expect(sources.length).toBeGreaterThan(50);
    const all = sources.map((f) => readFileSync(f, 'utf8')).join('\n');
    const undocumented: string[] = [];
    for (const file of sources) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!SINKS.test(line)) return;
        const note = /sanitized by (\w+)/.exec(`${lines[i - 1] ?? ''} ${line}`);
        const exported = note && new RegExp(`export (async )?function ${note[1]}\\b`).test(all);
        if (!exported) undocumented.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(undocumented).toEqual([]);
  });
});
