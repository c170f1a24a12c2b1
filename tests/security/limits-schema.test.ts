/**
 * The shared side of the push limits (pure, no database): the schemas the server and the phone's store both
 * validate with, and the field-path helpers that turn client-named keys into objects.
 */
import { describe, expect, it } from 'vitest';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../src/shared/domain';
import { applyPaths, diffBodies, jsonEqual } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, pushRequestSchema } from '../../src/shared/protocol';
import { BODY_SCHEMAS, MAX_MAP_ENTRIES, MAX_RECORD_BYTES, MAP_FIELDS } from '../../src/shared/records';
import { PULL_BYTE_BUDGET } from '../../src/server/sync/pull';
import { checklistTemplates, listProposalTemplates } from '../../src/shared/templates';

const UNIT = '0190a000-0000-7000-8000-00000000000a';
const uuid = (i: number) => `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** A valid body of `kind` with `n` entries in map field `field`. */
function withEntries(kind: 'draft' | 'session' | 'checklist' | 'comment', field: string, n: number) {
  const keys = Array.from({ length: n }, (_, i) => uuid(i));
  const entry = {
    sections: () => 'kata',
    metadata: () => 'nilai',
    participants: (i: number) => ({ name: `P${i}`, personId: null, present: true, order: i }),
    actions: (i: number) => ({ what: 'x', who: 'y', due: '', status: 'terbuka', order: i }),
    items: () => ({ status: null, evidence: '' }),
    resolutions: (i: number) => ({ resolved: true, at: i, name: 'x', role: null }),
  }[field]!;
  const bodies = {
    draft: () => newDraftBody(listProposalTemplates()[0]!, UNIT),
    session: () => newSessionBody(new Date('2026-11-20T09:00:00Z')),
    checklist: () => newChecklistBody(checklistTemplates.listLatest()[0]!, uuid(1), UNIT),
    comment: () => ({
      recordId: uuid(1),
      recordKind: 'draft',
      unitId: UNIT,
      sectionKey: 'ringkasan',
      text: 'x',
      parentId: null,
      authorId: 'u',
      authorName: 'x',
      authorRole: null,
      resolutions: {},
    }),
  };
  return { ...bodies[kind](), [field]: Object.fromEntries(keys.map((k, i) => [k, entry(i)])) };
}

describe('entries per map field', () => {
  const cases = Object.entries(MAP_FIELDS).flatMap(([kind, fields]) =>
    (fields as readonly string[]).map((field) => [kind, field] as const),
  );
  it('covers every map field with a limit', () => {
    for (const [, field] of cases) expect(MAX_MAP_ENTRIES).toHaveProperty(field);
  });
  it.each(cases)('%s.%s: the limit passes, one more is refused with a bilingual message', (kind, field) => {
    const k = kind as 'draft' | 'session' | 'checklist' | 'comment';
    const max = MAX_MAP_ENTRIES[field as keyof typeof MAX_MAP_ENTRIES];
    expect(BODY_SCHEMAS[k].safeParse(withEntries(k, field, max)).success).toBe(true);
    const over = BODY_SCHEMAS[k].safeParse(withEntries(k, field, max + 1));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.path).toEqual([field]);
    expect(over.error?.issues[0]?.message).toBe(
      `Terlalu banyak entri (maks. ${max}) / too many entries (max. ${max})`,
    );
  });
  it('leaves generous room above the longest real template', () => {
    const longest = Math.max(...listProposalTemplates().map((t) => t.sections.length));
    const meta = Math.max(...listProposalTemplates().map((t) => t.metadataFields.length));
    const items = Math.max(...checklistTemplates.listLatest().map((t) => t.items.length));
    expect(MAX_MAP_ENTRIES.sections).toBeGreaterThanOrEqual(longest * 10);
    expect(MAX_MAP_ENTRIES.metadata).toBeGreaterThanOrEqual(meta * 10);
    expect(MAX_MAP_ENTRIES.items).toBeGreaterThanOrEqual(items * 5);
    expect(MAX_MAP_ENTRIES.participants).toBeGreaterThanOrEqual(200 * 5);
  });
});

describe('bytes per record', () => {
  it('fits a whole record in one pull page', () => {
    expect(MAX_RECORD_BYTES).toBeLessThan(PULL_BYTE_BUDGET);
  });
  it('accepts every template with every section at its 20,000-character limit', () => {
    for (const template of listProposalTemplates()) {
      const body = newDraftBody(template, UNIT);
      for (const key of Object.keys(body.sections)) body.sections[key] = 'kata '.repeat(4_000);
      expect(BODY_SCHEMAS.draft.safeParse(body).success).toBe(true);
    }
  });
  it('refuses a body over the cap, counting UTF-8 bytes, with a bilingual message', () => {
    const body = newDraftBody(listProposalTemplates()[0]!, UNIT);
    // 14 sections of 10,000 three-byte characters: 420 KB in UTF-8, though only 140,000 characters.
    for (let i = 0; i < 14; i++) body.sections[`s${i}`] = 'ꦲ'.repeat(10_000);
    const parsed = BODY_SCHEMAS.draft.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/^Catatan terlalu besar .* \/ the record is too big/);
  });
});

describe('the record size cap counts UTF-8 bytes exactly', () => {
  it('accepts a body of exactly the cap in multi-byte text (emoji included) and refuses one byte more', () => {
    const body = newDraftBody(listProposalTemplates()[0]!, UNIT);
    const bytes = (b: unknown) => new TextEncoder().encode(JSON.stringify(b)).length;
    // 4-byte emoji, 3-byte Javanese and 2-byte letters (each section under its 20,000 characters), then ASCII
    // to land on the cap exactly.
    for (let i = 0; i < 7; i++) body.sections[`s${i}`] = '😀ꦲé'.repeat(4_000);
    body.sections['pad'] = '';
    body.sections['pad'] = 'a'.repeat(MAX_RECORD_BYTES - bytes(body));
    expect(bytes(body)).toBe(MAX_RECORD_BYTES);
    expect(BODY_SCHEMAS.draft.safeParse(body).success).toBe(true);
    body.sections['pad'] += 'a';
    expect(BODY_SCHEMAS.draft.safeParse(body).success).toBe(false);
  });
});

describe('the size cap decided by a bound (no encoding) agrees with the bytes counted', () => {
  const bytes = (b: unknown) => new TextEncoder().encode(JSON.stringify(b)).length;
  // The characters JSON makes longest: a control character and a lone surrogate as \uXXXX (6 bytes), a quote
  // and a backslash escaped (2), 3-byte Javanese, 4-byte emoji (2 units), plain ASCII.
  const worst = ['\u0001', '\ud800', '"', '\\', 'ꦲ', '😀', 'a'];
  it.each(worst)('text of %j straddling the bound and the cap', (char) => {
    const body = newDraftBody(listProposalTemplates()[0]!, UNIT);
    // Around MAX_RECORD_BYTES / 6 units (where the bound stops deciding alone) and around the cap itself.
    const units = [MAX_RECORD_BYTES / 6 - 400, MAX_RECORD_BYTES / 6 + 400, MAX_RECORD_BYTES / char.length];
    for (const total of units) {
      for (const delta of [-2, -1, 0, 1, 2]) {
        let left = Math.floor((total + delta * 60) / char.length);
        for (let i = 0; left > 0; i++) {
          const n = Math.min(left, Math.floor(20_000 / char.length));
          body.sections[`s${i}`] = char.repeat(n);
          left -= n;
        }
        expect(BODY_SCHEMAS.draft.safeParse(body).success, `${total + delta * 60} units`).toBe(
          bytes(body) <= MAX_RECORD_BYTES,
        );
        for (const key of Object.keys(body.sections)) if (key.startsWith('s')) delete body.sections[key];
      }
    }
  });
  it('nested maps of numbers, booleans and nulls measured as JSON writes them, on both sides of the cap', () => {
    const body = withEntries('draft', 'sections', 1);
    const full = withEntries('session', 'participants', MAX_MAP_ENTRIES.participants);
    for (const names of [1_000, 40_000, 43_000, 50_000]) {
      // Names long enough to bring the whole near the cap, each participant with its numbers and booleans.
      const participants = Object.fromEntries(
        Object.entries(
          (full as Record<string, unknown>)['participants'] as Record<string, Record<string, unknown>>,
        ).map(([k, p], i) => [
          k,
          { ...p, name: '\u0002'.repeat(Math.floor(names / 1_000) + (i % 3)), personId: null },
        ]),
      );
      const session = { ...full, participants };
      expect(BODY_SCHEMAS.session.safeParse(session).success).toBe(bytes(session) <= MAX_RECORD_BYTES);
    }
    expect(BODY_SCHEMAS.draft.safeParse(body).success).toBe(true);
  });
});

describe('client-named keys never touch prototypes', () => {
  it('applyPaths keeps a __proto__ entry as an own key and the map a plain object', () => {
    const body = { sections: { a: 'x' } } as Record<string, unknown>;
    const out = applyPaths('draft', body, { 'sections.__proto__': { polluted: 'ya' }, 'sections.b': 'y' });
    const sections = out['sections'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(sections)).toBe(Object.prototype);
    expect(Object.hasOwn(sections, '__proto__')).toBe(true);
    expect(sections['polluted']).toBeUndefined();
    expect(Object.keys(sections)).toEqual(['a', '__proto__', 'b']);
    expect(body['sections']).toEqual({ a: 'x' });
  });
  it('applyPaths keeps a top-level __proto__ field as an own key', () => {
    // As it arrives from the network: JSON.parse makes `__proto__` an own key (a literal would set the prototype).
    const values = JSON.parse('{"__proto__": {"polluted": "ya"}}') as Record<string, unknown>;
    const out = applyPaths('draft', {}, values);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
  });
  it('applyPaths is linear in the number of entries', () => {
    const values = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`sections.s${i}`, 'x']));
    const started = performance.now();
    const out = applyPaths('draft', { sections: {} }, values);
    expect(Object.keys(out['sections'] as object)).toHaveLength(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
  it('diffBodies sees a removed constructor entry, and jsonEqual does not borrow inherited keys', () => {
    expect(diffBodies('draft', { sections: { constructor: 'x' } }, { sections: {} })).toEqual({
      'sections.constructor': null,
    });
    expect(diffBodies('draft', { constructor: 'x' }, {})).toEqual({ constructor: null });
    expect(jsonEqual({ a: 1, constructor: Object }, { a: 1, b: 2 })).toBe(false);
  });
});

describe('seq fits the int4 column', () => {
  const request = (seq: number) => ({
    protocolVersion: PROTOCOL_VERSION,
    deviceId: 'device-0001',
    changes: [
      {
        deviceId: 'device-0001',
        seq,
        recordId: uuid(1),
        kind: 'draft',
        op: 'update',
        values: {},
        base: {},
        editedAt: 1,
      },
    ],
  });
  it('accepts 2^31-1 and refuses 2^31 with a bilingual message', () => {
    expect(pushRequestSchema.safeParse(request(2 ** 31 - 1)).success).toBe(true);
    const over = pushRequestSchema.safeParse(request(2 ** 31));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(/^seq terlalu besar .* \/ seq too large/);
  });
});
