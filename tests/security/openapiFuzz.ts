/**
 * A schemathesis-style request generator for the OpenAPI fuzz (openapi-fuzz.test.ts), pure: no server here.
 * - `operationsOf` lists every operation of the document (path, method, parameters, body, documented responses).
 * - `arbitraryOf` turns a JSON Schema of the document into a fast-check arbitrary of valid values; `Hints` lets
 *   the test swap in values the schema cannot know (ids that exist, a real password, a fresh refresh token).
 * - `MUTATIONS` break a valid request the way an attacker or a broken client would: wrong types, missing required
 *   fields, 1 MB strings, deep nesting, prototype-member names, NUL characters, edge numbers, other tenants' ids,
 *   random ids, unicode, bodies that are not JSON.
 * - `buildRequest` serializes the parts into a method, URL, headers and body; `errorShapeProblem` checks a 4xx.
 * Everything is sampled with `fc.sample(…, { seed })`, so a seed gives the same requests every run.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: {
    name: string;
    in: 'path' | 'query' | 'header' | 'cookie';
    required?: boolean;
    schema: JsonSchema;
  }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  security?: unknown[];
}

export type ParamLocation = 'path' | 'query' | 'header';

export interface Operation {
  /** `POST /api/sync/push`: the name used in reports, special cases and the skip list. */
  key: string;
  method: string;
  /** The templated path of the document (`/api/accounts/{id}`). */
  path: string;
  params: { name: string; in: ParamLocation; required: boolean; schema: JsonSchema }[];
  body: { contentType: string; schema: JsonSchema; required: boolean } | null;
  /** Documented statuses, each with whether the document gives it a body. */
  responses: Record<string, { hasContent: boolean }>;
  secured: boolean;
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;

/**
 * `schema` with every `$ref` to a component replaced by the component (the document names its schemas once and
 * refers to them), so the generator and the mutations walk plain schemas. The document has no recursive schema.
 */
export function dereference(
  doc: OpenApiDocument,
  schema: JsonSchema,
  seen: readonly string[] = [],
): JsonSchema {
  if (schema.$ref) {
    if (seen.includes(schema.$ref)) throw new Error(`recursive schema ${schema.$ref}`);
    return dereference(doc, resolve(doc, schema), [...seen, schema.$ref]);
  }
  const inner = (s: JsonSchema) => dereference(doc, s, seen);
  const out: JsonSchema = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, inner(v)]));
  if (schema.items) out.items = inner(schema.items);
  if (typeof schema.additionalProperties === 'object')
    out.additionalProperties = inner(schema.additionalProperties);
  if (schema.anyOf) out.anyOf = schema.anyOf.map(inner);
  if (schema.oneOf) out.oneOf = schema.oneOf.map(inner);
  if (schema.allOf) out.allOf = schema.allOf.map(inner);
  return out;
}

/** Every operation of the document, in document order, its schemas dereferenced. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const bodyEntry = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? [])
          .filter((p): p is typeof p & { in: ParamLocation } => p.in !== 'cookie')
          .map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required ?? false,
            schema: dereference(doc, p.schema),
          })),
        body: bodyEntry
          ? {
              contentType: bodyEntry[0],
              schema: dereference(doc, bodyEntry[1].schema ?? {}),
              required: op.requestBody?.required ?? false,
            }
          : null,
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, r]) => [status, { hasContent: !!r.content }]),
        ),
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------------
// Valid values from a schema.

/** Where a value sits: the parameter or body property names from the top (`[]` for an array item). */
export type SchemaPath = readonly string[];

export interface Hints {
  /** Strings of format uuid: ids that exist (mostly the caller's tenant's, some of the other's) or random ones. */
  uuid: fc.Arbitrary<string>;
  /** An arbitrary for the value at `path` instead of the schema's own (`fromSchema`), or undefined. */
  at?: (
    path: SchemaPath,
    schema: JsonSchema,
    fromSchema: () => fc.Arbitrary<unknown>,
  ) => fc.Arbitrary<unknown> | undefined;
}

/** Longest array and string the valid generator makes (mutations go far past both). */
const MAX_ITEMS = 3;
const MAX_TEXT = 40;
const MIN_INT = -(2 ** 31);
const MAX_INT = 2 ** 31 - 1;

const twoDigits = (n: number) => String(n).padStart(2, '0');
const isoDate = fc
  .record({
    y: fc.integer({ min: 1990, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${twoDigits(m)}-${twoDigits(d)}`);

function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolve(doc, target);
}

function stringArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? MAX_TEXT, MAX_TEXT));
  const fits = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
  if (schema.format === 'uuid') return hints.uuid;
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'email') return fc.emailAddress().filter(fits);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'binary' }) },
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lowest =
    schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : MIN_INT);
  const highest =
    schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : MAX_INT);
  if (integer) {
    const min = Math.ceil(lowest);
    const max = Math.floor(highest);
    // Small numbers most of the time (versions, offsets, rows), the whole range now and then.
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 50) }) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
    );
  }
  return fc.double({ min: lowest, max: highest, noNaN: true, noDefaultInfinity: true });
}

/** A fast-check arbitrary of values valid for `schema` (as far as JSON Schema says; zod refinements aside). */
export function arbitraryOf(
  doc: OpenApiDocument,
  given: JsonSchema,
  hints: Hints,
  path: SchemaPath = [],
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, given);
  const fromSchema = () => plainArbitraryOf(doc, schema, hints, path);
  return hints.at?.(path, schema, fromSchema) ?? fromSchema();
}

function plainArbitraryOf(
  doc: OpenApiDocument,
  schema: JsonSchema,
  hints: Hints,
  path: SchemaPath,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryOf(doc, s, hints, path)));
  if (schema.allOf)
    return arbitraryOf(
      doc,
      Object.assign({}, ...schema.allOf.map((s) => resolve(doc, s))) as JsonSchema,
      hints,
      path,
    );
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => plainArbitraryOf(doc, { ...schema, type }, hints, path)));
  }
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, hints);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(arbitraryOf(doc, schema.items ?? {}, hints, [...path, '[]']), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(doc, schema, hints, path);
    default:
      // No type: any JSON (a conflict's `winner`, a change's value).
      return schema.properties ? objectArbitrary(doc, schema, hints, path) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(
  doc: OpenApiDocument,
  schema: JsonSchema,
  hints: Hints,
  path: SchemaPath,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    return fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }),
      arbitraryOf(doc, values, hints, [...path, '*']),
      {
        maxKeys: MAX_ITEMS,
        noNullPrototype: true,
      },
    );
  }
  const required = new Set(schema.required ?? []);
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, s]) => [name, arbitraryOf(doc, s, hints, [...path, name])]),
  );
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
}

// ------------------------------------------------------------------------------------------------------------
// Requests and their mutations.

/** What a case sends before serialization: parameter values by location, and the body. */
export interface RequestParts {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  /** undefined: no body. A `RawBody` is sent as it is. */
  body: unknown;
}

/** A body sent byte for byte (not JSON-encoded), with its content type (null: no Content-Type header). */
export class RawBody {
  constructor(
    readonly bytes: string | Uint8Array<ArrayBuffer>,
    readonly contentType: string | null,
    readonly note: string,
  ) {}
}

/** A JSON token written as it is into the body (`1e999`, `-0`, `9007199254740993`): JSON.stringify cannot. */
export class RawJsonToken {
  constructor(readonly token: string) {}
}

export const MUTATIONS = [
  'none',
  'wrong-type',
  'missing-required',
  'huge-string',
  'deep-nesting',
  'prototype-names',
  'nul-character',
  'edge-number',
  'other-tenant-id',
  'random-uuid',
  'unicode',
  'broken-body',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Random choices a mutation makes, drawn with the case (so the seed fixes them). */
export type Dice = readonly [number, number, number];
export const diceArbitrary: fc.Arbitrary<Dice> = fc.tuple(fc.nat(), fc.nat(), fc.nat());

const ONE_MB = 1024 * 1024;
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const EDGE_NUMBERS: unknown[] = [
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  -1,
  -(2 ** 31) - 1,
  0.5,
  1e308,
  new RawJsonToken('1e999'),
  new RawJsonToken('-0'),
  new RawJsonToken('9007199254740993'),
  new RawJsonToken('1E+400'),
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
  '2147483648',
  '9007199254740993',
  '-1',
  ' 1',
];
const UNICODE_TEXTS = [
  '\u{1F600}\u{1F469}\u200D\u{1F469}\u200D\u{1F467}',
  '\u202Eevil\u202C',
  'e\u0301\u0301\u0301',
  '\uFEFFbom',
  '\uD800',
  '\uDFFF\uD800',
  '\uFDFA'.repeat(50),
  'İstanbul ß ǅ',
  '\u0000\u0001\u001F\u007F',
  '𝕏'.repeat(60),
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  '\r\n\t',
];
const WRONG_TYPES: unknown[] = [0, 1.5, 'text', '', true, false, null, [], {}, [1, 'a'], { a: 1 }];
const BROKEN_BODIES = [
  new RawBody('{"unterminated": ', 'application/json', 'broken JSON'),
  new RawBody('', 'application/json', 'empty body declared as JSON'),
  new RawBody('{}', 'text/plain', 'JSON sent as text/plain'),
  new RawBody('{}', null, 'JSON without Content-Type'),
  new RawBody('\uFEFF{}', 'application/json', 'JSON with a byte order mark'),
  new RawBody(
    Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    'application/json',
    'not UTF-8',
  ),
  new RawBody('[]', 'application/json', 'an array instead of an object'),
  new RawBody('null', 'application/json', 'null'),
  new RawBody('"text"', 'application/json', 'a string'),
  new RawBody('123', 'application/json', 'a number'),
  new RawBody('{"a":1,"a":2}', 'application/json', 'a duplicate key'),
  new RawBody('<?xml version="1.0"?><a/>', 'application/xml', 'XML'),
  new RawBody('a=1&b=2', 'application/x-www-form-urlencoded', 'a form'),
  new RawBody('{}', 'application/json; charset=utf-16', 'JSON claiming UTF-16'),
  new RawBody('{}', 'application/vnd.evil+json', 'a +json media type'),
];

const TUS_BYTES = 'application/offset+octet-stream';
const BROKEN_TUS_BODIES = [
  new RawBody('{}', 'application/json', 'JSON instead of tus bytes'),
  new RawBody(new Uint8Array(3 * ONE_MB), TUS_BYTES, '3 MB of zeros'),
  new RawBody('', null, 'no Content-Type'),
];

type Location = { in: 'path' | 'query' | 'header' | 'body'; keys: (string | number)[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** Every place a value sits in the parts: each parameter, and each node of the body (the root too). */
function locations(parts: RequestParts): Location[] {
  const out: Location[] = [];
  for (const where of ['path', 'query', 'header'] as const) {
    for (const name of Object.keys(parts[where])) out.push({ in: where, keys: [name] });
  }
  const walk = (value: unknown, keys: (string | number)[]) => {
    out.push({ in: 'body', keys });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...keys, i]));
    else if (isObject(value)) for (const k of Object.keys(value)) walk(value[k], [...keys, k]);
  };
  if (parts.body !== undefined && !(parts.body instanceof RawBody)) walk(parts.body, []);
  return out;
}

function valueAt(parts: RequestParts, loc: Location): unknown {
  let v: unknown = loc.in === 'body' ? parts.body : parts[loc.in];
  for (const k of loc.keys) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Sets an own property, even `__proto__` (so it is serialized as a key, as an attacker sends it). */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function withValueAt(parts: RequestParts, loc: Location, value: unknown): RequestParts {
  const copy = structuredClone({
    ...parts,
    body: parts.body instanceof RawBody ? undefined : parts.body,
  }) as RequestParts;
  if (loc.in === 'body' && loc.keys.length === 0) return { ...copy, body: value };
  const root: unknown = loc.in === 'body' ? copy.body : copy[loc.in];
  let parent = root as Record<string | number, unknown>;
  for (const k of loc.keys.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = loc.keys[loc.keys.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else setOwn(parent, last, value);
  return copy;
}

const DELETE = Symbol('delete');

/** Whether the schema requires the property at `loc` (through properties, items and union branches). */
function isRequired(op: Operation, loc: Location): boolean {
  if (loc.in !== 'body')
    return op.params.some((p) => p.in === loc.in && p.name === loc.keys[0] && p.required);
  let schemas: JsonSchema[] = op.body ? [op.body.schema] : [];
  let required = false;
  for (const key of loc.keys) {
    const branches = schemas.flatMap((s) => [s, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]);
    if (typeof key === 'number') {
      schemas = branches.flatMap((s) => (s.items ? [s.items] : []));
      required = false;
    } else {
      const owners = branches.filter((s) => s.properties?.[key]);
      required = owners.some((s) => s.required?.includes(key));
      schemas = owners.map((s) => s.properties![key]!);
    }
  }
  return required;
}

const pick = <T>(items: readonly T[], die: number): T => items[die % items.length]!;

function nested(depth: number): unknown {
  let v: unknown = [1];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

/**
 * Applies `mutation` to valid parts. Returns the parts and what was done (for the report), or null when the
 * mutation has nowhere to apply (a route with nothing of that kind): the case is then sent valid.
 */
export function mutate(
  op: Operation,
  parts: RequestParts,
  mutation: Mutation,
  dice: Dice,
  otherTenantIds: readonly string[],
  randomUuid: string,
): { parts: RequestParts; note: string } | null {
  const all = locations(parts);
  const canHaveBody = op.method !== 'GET' && op.method !== 'HEAD';
  const describe = (loc: Location) => `${loc.in}${loc.keys.length ? ':' + loc.keys.join('.') : ' (root)'}`;
  const at = (candidates: Location[], f: (old: unknown, loc: Location) => unknown, what: string) => {
    if (candidates.length === 0) return null;
    const loc = pick(candidates, dice[0]);
    return {
      parts: withValueAt(parts, loc, f(valueAt(parts, loc), loc)),
      note: `${what} at ${describe(loc)}`,
    };
  };
  const strings = all.filter((l) => typeof valueAt(parts, l) === 'string');
  const objects = all.filter((l) => l.in === 'body' && isObject(valueAt(parts, l)));
  switch (mutation) {
    case 'none':
      return { parts, note: 'valid' };
    case 'wrong-type':
      return at(
        all,
        (old) => {
          const choices = WRONG_TYPES.filter(
            (v) => typeof v !== typeof old || Array.isArray(v) !== Array.isArray(old),
          );
          return pick(choices, dice[1]);
        },
        'wrong type',
      );
    case 'missing-required': {
      // A required parameter or body property dropped (any property when nothing present is required).
      const named = all.filter((l) => l.keys.length > 0 && typeof l.keys[l.keys.length - 1] === 'string');
      const required = named.filter((l) => isRequired(op, l));
      return at(required.length > 0 ? required : named, () => DELETE, 'removed');
    }
    case 'huge-string': {
      // 1 MB in a body. A URL or a header gets 8 KB: Node refuses a request whose head passes 16 KB (431)
      // before the app sees it, so a longer one cannot reach the app on the real server.
      const loc = pick(strings.length > 0 && dice[2] % 4 !== 0 ? strings : all, dice[0]);
      if (!loc) return null;
      const size = loc.in === 'body' ? ONE_MB : 8 * 1024;
      const char = pick(['a', 'ä', '\u{1F600}', '0', '%'], dice[1]);
      const huge = char.repeat(Math.floor(size / 2 / char.length)) + 'x'.repeat(size / 2);
      return { parts: withValueAt(parts, loc, huge), note: `${size / 1024} KB string at ${describe(loc)}` };
    }
    case 'deep-nesting':
      return at(all, () => nested(pick([20, 63, 65, 100, 1000], dice[1])), 'nested arrays');
    case 'prototype-names': {
      const name = pick(PROTOTYPE_NAMES, dice[1]);
      if (objects.length > 0 && dice[2] % 2 === 0) {
        const loc = pick(objects, dice[0]);
        const obj = valueAt(parts, loc) as Record<string, unknown>;
        const copy = { ...obj };
        const sample = Object.values(obj)[0];
        setOwn(copy, name, dice[2] % 4 === 0 ? { polluted: true } : (sample ?? 'x'));
        return { parts: withValueAt(parts, loc, copy), note: `key ${name} added at ${describe(loc)}` };
      }
      return at(strings.length > 0 ? strings : all, () => name, `value ${name}`);
    }
    case 'nul-character':
      return at(
        strings.length > 0 ? strings : all,
        (old) => {
          const s = typeof old === 'string' ? old : String(old);
          const half = Math.floor(s.length / 2);
          return dice[1] % 3 === 0 ? '\u0000' : `${s.slice(0, half)}\u0000${s.slice(half)}`;
        },
        'NUL inserted',
      );
    case 'edge-number': {
      const numeric = all.filter((l) => {
        const v = valueAt(parts, l);
        return typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v));
      });
      return at(numeric.length > 0 ? numeric : all, () => pick(EDGE_NUMBERS, dice[1]), 'edge number');
    }
    case 'other-tenant-id': {
      if (otherTenantIds.length === 0) return null;
      const uuids = strings.filter((l) => /^[0-9a-f-]{36}$/i.test(valueAt(parts, l) as string));
      return at(
        uuids.length > 0 ? uuids : strings,
        () => pick(otherTenantIds, dice[1]),
        "another tenant's id",
      );
    }
    case 'random-uuid': {
      const uuids = strings.filter((l) => /^[0-9a-f-]{36}$/i.test(valueAt(parts, l) as string));
      return at(uuids.length > 0 ? uuids : strings, () => randomUuid, 'random uuid');
    }
    case 'unicode':
      return at(
        strings.length > 0 ? strings : all,
        (old) => {
          const text = pick(UNICODE_TEXTS, dice[1]);
          return dice[2] % 2 === 0 || typeof old !== 'string' ? text : `${old}${text}`;
        },
        'unicode',
      );
    case 'broken-body': {
      if (!canHaveBody) return null;
      // tus bytes are not JSON: their broken variants are the wrong type and a body of the wrong size.
      const raw = pick(op.body?.contentType === TUS_BYTES ? BROKEN_TUS_BODIES : BROKEN_BODIES, dice[1]);
      return { parts: { ...parts, body: raw }, note: raw.note };
    }
  }
}

// ------------------------------------------------------------------------------------------------------------
// Serialization.

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer> | undefined;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser would send it). */
const encodeSegment = (s: string): string =>
  Array.from(Buffer.from(s, 'utf8'), (b) =>
    /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');

/**
 * A header value as fetch will send it: no NUL, CR or LF (the Headers class refuses them outright, so a client
 * cannot send them either) and nothing outside Latin-1 (sent as its UTF-8 bytes read as Latin-1).
 */
const headerValue = (v: unknown): string =>
  Buffer.from(asText(v).replace(/[\0\r\n]/g, ' '), 'utf8').toString('latin1');

let rawTokenSeq = 0;

/** JSON text of a body, with `RawJsonToken`s written as they are. */
export function jsonText(body: unknown): string {
  const tokens = new Map<string, string>();
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (value instanceof RawJsonToken) {
      const marker = `\u0001raw${rawTokenSeq++}\u0001`;
      tokens.set(JSON.stringify(marker), value.token);
      return marker;
    }
    return value;
  });
  let out = text ?? 'null';
  for (const [marker, token] of tokens) out = out.replace(marker, token);
  return out;
}

export function buildRequest(op: Operation, parts: RequestParts, authorization: string | null): BuiltRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = parts.path[name];
    return v === undefined ? '' : encodeSegment(asText(v));
  });
  const query = Object.entries(parts.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(asText(v))}`)
    .join('&');
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(parts.header)) if (v !== undefined) headers[name] = headerValue(v);
  if (authorization !== null) headers['Authorization'] = authorization;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (parts.body instanceof RawBody) {
    body = parts.body.bytes;
    if (parts.body.contentType !== null) headers['Content-Type'] = parts.body.contentType;
  } else if (parts.body !== undefined) {
    if (op.body?.contentType === TUS_BYTES) {
      body = parts.body instanceof Uint8Array ? new Uint8Array(parts.body) : asText(parts.body);
      headers['Content-Type'] = 'application/offset+octet-stream';
    } else {
      body = jsonText(parts.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  return { method: op.method, url: `http://fuzz.local${path}${query ? `?${query}` : ''}`, headers, body };
}

/** A request as a short text for a failure report (long values cut, their length said). */
export function describeRequest(req: BuiltRequest): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const body =
    req.body === undefined
      ? '(none)'
      : typeof req.body === 'string'
        ? cut(JSON.stringify(req.body), 1500)
        : `${req.body.length} bytes: ${Buffer.from(req.body.subarray(0, 32)).toString('hex')}…`;
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${cut(v, 200)}`)
    .join('; ');
  return `${req.method} ${cut(req.url, 400)}\n  headers: ${headers}\n  body: ${body}`;
}

// ------------------------------------------------------------------------------------------------------------
// Checks.

/**
 * Why `text` is not the app's error shape (`{ error: { code, message, messageEn, details? } }` with a
 * non-empty code and a message in Indonesian and another in English), or null when it is.
 */
export function errorShapeProblem(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const error = isObject(body) ? body['error'] : undefined;
  if (!isObject(error)) return 'no error object';
  const { code, message, messageEn } = error;
  if (typeof code !== 'string' || code.length === 0) return 'no code';
  if (typeof message !== 'string' || message.length === 0) return 'no Indonesian message';
  if (typeof messageEn !== 'string' || messageEn.length === 0) return 'no English message';
  if (message === messageEn) return 'the same message in both languages';
  return null;
}

/** A 32-bit hash of a string (FNV-1a): each operation gets its own seed from the run's seed and its key. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
