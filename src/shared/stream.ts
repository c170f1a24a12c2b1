/**
 * The first-sync stream of protocol 2 (`GET /api/sync/stream`): a new phone gets every record it may see, whole,
 * in one response of newline-separated JSON lines, compressed with brotli (gzip when the browser does not accept
 * it). One `start` line (what is coming, for the progress), `page` lines (records and the cursor they reach: the
 * phone writes each page and its cursor in one transaction, so an interrupted sync resumes from the last page
 * written) and one `end` line (the cursor the stream caught up to). A stream that stops before `end` was cut.
 *
 * Field versions are compact: a record's paths almost all share one version, so a page record carries that
 * version (`b`), the paths whose version differs (`v`) and the paths of the body that have no version (`x`); the
 * phone rebuilds `fieldVersions` from the body's own paths (`flattenBody`). Lossless (tested both ways).
 * Pure: no browser or Node imports.
 */
import { z } from 'zod';
import { DELETED_PATH, flattenBody } from './fieldPaths';
import { ENVELOPE_KEYS, anyRecordSchema, recordKindSchema, type AnyRecord } from './records';

/** Stream lines are parsed one by one: a line longer than this is refused (a page is cut near 384 KB). */
export const MAX_STREAM_LINE = 2 * 1024 * 1024;

export const compactVersionsSchema = z.object({
  /** The version most paths have. */
  b: z.number().int().nonnegative(),
  /** Paths whose version is not `b`, or that the body does not name (the tombstone, removed map entries). */
  v: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Paths of the body that have no version at all. */
  x: z.array(z.string()).optional(),
});
export type CompactVersions = z.infer<typeof compactVersionsSchema>;

/** A record on the stream: the record without `fieldVersions`, with `fv` instead. */
export const packedRecordSchema = z.looseObject({ kind: recordKindSchema, fv: compactVersionsSchema });
export type PackedRecord = z.infer<typeof packedRecordSchema>;

export const streamLineSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('start'),
    /** Records the stream will carry (those the caller may see above the cursor, when it began). */
    records: z.number().int().nonnegative(),
    /** About how many bytes of JSON they make once unpacked (the phone counts what it decoded against it). */
    bytes: z.number().int().nonnegative(),
    /** What the caller may see (as `scope` on a pull page): a resumed stream under another scope starts over. */
    scope: z.string().max(100),
  }),
  z.object({
    t: z.literal('page'),
    records: z.array(packedRecordSchema),
    cursor: z.number().int().nonnegative(),
  }),
  z.object({ t: z.literal('end'), cursor: z.number().int().nonnegative() }),
]);
export type StreamLine = z.infer<typeof streamLineSchema>;

const ENVELOPE = new Set<string>(ENVELOPE_KEYS);

/** The paths a record's body names, the tombstone path included (it always has a version once synced). */
function bodyPaths(record: Record<string, unknown>, kind: AnyRecord['kind']): string[] {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!ENVELOPE.has(key)) body[key] = value;
  return [...Object.keys(flattenBody(kind, body)), DELETED_PATH];
}

/** A record as the stream carries it (see the header). */
export function packRecord(record: AnyRecord): PackedRecord {
  const { fieldVersions, ...rest } = record;
  const counts = new Map<number, number>();
  for (const version of Object.values(fieldVersions)) counts.set(version, (counts.get(version) ?? 0) + 1);
  let b = record.rev;
  let most = 0;
  for (const [version, count] of counts) if (count > most) [b, most] = [version, count];
  const named = new Set(bodyPaths(record, record.kind));
  const v: Record<string, number> = {};
  for (const [path, version] of Object.entries(fieldVersions))
    if (version !== b || !named.has(path)) v[path] = version;
  const x = [...named].filter((path) => !Object.hasOwn(fieldVersions, path));
  return { ...rest, fv: { b, ...(Object.keys(v).length ? { v } : {}), ...(x.length ? { x } : {}) } };
}

/** The whole record back from a stream record, validated as every stored record is. */
export function unpackRecord(packed: PackedRecord): AnyRecord {
  const { fv, ...rest } = packed;
  const missing = new Set(fv.x ?? []);
  const fieldVersions: Record<string, number> = {};
  for (const path of bodyPaths(rest, packed.kind)) if (!missing.has(path)) fieldVersions[path] = fv.b;
  for (const [path, version] of Object.entries(fv.v ?? {}))
    Object.defineProperty(fieldVersions, path, {
      value: version,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return anyRecordSchema.parse({ ...rest, fieldVersions });
}
