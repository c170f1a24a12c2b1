/**
 * Field paths: the unit of change, of versioning and of conflict. A record body is flattened into
 * `path -> value` pairs: a plain field is its own path (`title`); an entry of a map field is `field.key`
 * (`sections.ringkasan`). Removing a map entry is the value `null` at its path.
 * Pure: no browser or Node imports.
 */
import { MAP_FIELDS } from './mapFields';
import type { RecordKind } from './records';

export type FieldValues = Record<string, unknown>;

/**
 * The tombstone pseudo-path: deleting and restoring are writes of it (`values.deleted` in an outbox entry or a
 * change, a version in `fieldVersions`), so they merge and conflict like any other path.
 */
export const DELETED_PATH = 'deleted';

const mapFieldsOf = (kind: RecordKind): readonly string[] => MAP_FIELDS[kind];

/** Flattens a record body (or a whole record: envelope keys must be removed by the caller) into paths. */
export function flattenBody(kind: RecordKind, body: Record<string, unknown>): FieldValues {
  const maps = mapFieldsOf(kind);
  const out: FieldValues = {};
  for (const [field, value] of Object.entries(body)) {
    if (maps.includes(field) && value && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>))
        out[`${field}.${key}`] = entry;
    } else {
      setOwn(out, field, value);
    }
  }
  return out;
}

/** Splits a path into its top-level field and, for map fields, the entry key. */
export function splitPath(kind: RecordKind, path: string): { field: string; key: string | null } {
  const dot = path.indexOf('.');
  if (dot > 0 && mapFieldsOf(kind).includes(path.slice(0, dot))) {
    return { field: path.slice(0, dot), key: path.slice(dot + 1) };
  }
  return { field: path, key: null };
}

/**
 * Sets an own property, even one named `__proto__` (plain assignment would replace the prototype instead): keys
 * come from the network, and a bad one must reach validation as a key, not change what the object is.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` has a setter on Object.prototype: every other key assigns an own property, and plain
  // assignment is several times cheaper than defineProperty (it ran for every path of every pushed change).
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The value a body holds at a path (a top-level field or an entry of a map field), null when it holds none. */
export function valueAtPath(kind: RecordKind, body: Record<string, unknown>, path: string): unknown {
  const { field, key } = splitPath(kind, path);
  const owner = key === null ? body : (body[field] as Record<string, unknown> | undefined);
  const name = key ?? field;
  return owner && typeof owner === 'object' && Object.hasOwn(owner, name) ? (owner[name] ?? null) : null;
}

/** Returns a copy of `body` with the path values applied (a `null` map entry removes the entry). */
export function applyPaths<T extends Record<string, unknown>>(
  kind: RecordKind,
  body: T,
  values: FieldValues,
): T {
  const out: Record<string, unknown> = { ...body };
  // Each map is copied once, not once per entry: a push of thousands of entries must stay linear.
  const copied = new Set<string>();
  for (const [path, value] of Object.entries(values)) {
    const { field, key } = splitPath(kind, path);
    if (key === null) {
      setOwn(out, field, value);
      copied.delete(field);
      continue;
    }
    if (!copied.has(field)) {
      setOwn(out, field, { ...((out[field] as Record<string, unknown> | undefined) ?? {}) });
      copied.add(field);
    }
    const map = out[field] as Record<string, unknown>;
    if (value === null || value === undefined) delete map[key];
    else setOwn(map, key, value);
  }
  return out as T;
}

/** Structural equality for JSON values (the only values records hold). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  return (
    ak.length === Object.keys(bo).length &&
    ak.every((k) => Object.hasOwn(bo, k) && jsonEqual((a as Record<string, unknown>)[k], bo[k]))
  );
}

/** The paths whose values differ between two bodies of the same kind, with the new values. */
export function diffBodies(
  kind: RecordKind,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldValues {
  const a = flattenBody(kind, before);
  const b = flattenBody(kind, after);
  const changed: FieldValues = {};
  for (const [path, value] of Object.entries(b))
    if (!jsonEqual(Object.hasOwn(a, path) ? a[path] : undefined, value)) setOwn(changed, path, value);
  for (const path of Object.keys(a)) if (!Object.hasOwn(b, path)) changed[path] = null;
  return changed;
}
