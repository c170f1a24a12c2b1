/**
 * The push checks an edited stored body by the fields the edit touched (`bodyFieldsIssue`): for a body that was
 * valid before the edit, its verdict and first issue must be the whole schema's. And JSON answers are gzipped
 * only for clients that accept gzip.
 */
import { describe, expect, it } from 'vitest';
import { applyPaths } from '../../../src/shared/fieldPaths';
import {
  BODY_SCHEMAS,
  CROSS_FIELD_KINDS,
  MAX_RECORD_BYTES,
  RECORD_KINDS,
  bodyFieldsIssue,
  type RecordKind,
} from '../../../src/shared/records';
import { fieldsOf, validateBody } from '../../../src/server/sync/rows';
import { acceptsGzip } from '../../../src/server/http/jsonAnswer';
import { aDraftBody, aParticipant, aSessionBody, aTemplateBody } from '../../factories/bodies';

const PERSON = '0190a000-0000-7000-8000-00000000000b';
const ENTRY = '0190a000-0000-7000-8000-00000000000c';

/** Whole-schema verdict and `bodyFieldsIssue` for the same edit of a valid body. */
function bothVerdicts(kind: RecordKind, body: Record<string, unknown>, values: Record<string, unknown>) {
  const edited = applyPaths(kind, body, values);
  const whole = validateBody(kind, edited);
  const byFields = validateBody(kind, edited, fieldsOf(kind, Object.keys(values)));
  return { whole, byFields };
}

describe('checking only the fields an edit touched', () => {
  const session = aSessionBody({ participants: { [ENTRY]: aParticipant({ personId: PERSON }) } });
  const draft = aDraftBody();

  it.each([
    ['a text within its limit', 'session', session, { notes: 'Catatan baru' }],
    ['a text over its limit', 'session', session, { notes: 'x'.repeat(20_001) }],
    ['a wrong type', 'session', session, { topics: 42 }],
    ['a bad map entry', 'session', session, { [`participants.${ENTRY}`]: { name: 5 } }],
    ['a removed map entry', 'session', session, { [`participants.${ENTRY}`]: null }],
    ['a null where none is allowed', 'draft', draft, { title: null }],
    ['two fields, the first in the schema bad', 'draft', draft, { team: 7, title: 8 }],
    ['a bad enum value', 'draft', draft, { stage: 'selesai' }],
  ] as const)('agrees with the whole schema on %s', (_, kind, body, values) => {
    const { whole, byFields } = bothVerdicts(kind, body, values);
    expect(byFields).toEqual(whole);
  });

  it('refuses a body that an edit makes too big, as the whole schema does', () => {
    const sections: Record<string, string> = {};
    for (let i = 0; i < 14; i++) sections[`s${i}`] = 'é'.repeat(19_000);
    const { whole, byFields } = bothVerdicts('draft', draft, {
      ...Object.fromEntries(Object.entries(sections).map(([k, v]) => [`sections.${k}`, v])),
    });
    expect(whole.ok).toBe(false);
    expect(byFields).toEqual(whole);
    expect(whole.ok || whole.detail).toContain(`${MAX_RECORD_BYTES / 1024} KB`);
  });

  it('checks a template whole: its key must match the template inside it', () => {
    const template = aTemplateBody();
    const { whole, byFields } = bothVerdicts('template', template, { key: 'lain' });
    expect(whole.ok).toBe(false);
    expect(byFields).toEqual(whole);
  });

  it('knows every kind whose schema has a rule across fields', () => {
    // Each body schema carries the size cap; one more object-level check means a rule across fields, which
    // `bodyFieldsIssue` can only apply by checking the body whole (CROSS_FIELD_KINDS).
    for (const kind of RECORD_KINDS) {
      const checks = (BODY_SCHEMAS[kind]._zod.def.checks ?? []).length;
      expect({ kind, checks }).toEqual({ kind, checks: CROSS_FIELD_KINDS.has(kind) ? 2 : 1 });
    }
  });

  it('lets an untouched field pass unchecked (the stored body was checked when written)', () => {
    const stored = { ...session, topics: 42 };
    expect(bodyFieldsIssue('session', stored, new Set(['notes']))).toBeNull();
    expect(validateBody('session', stored).ok).toBe(false);
  });
});

describe('acceptsGzip', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.5', true],
    ['gzip;q=0', false],
    ['deflate', false],
    ['*', true],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
  ])('%j -> %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
