/**
 * The first-sync stream of protocol 2 (see src/shared/stream.ts for the lines): pull pages one after another in
 * one response, so the link never waits on a round trip between pages. Each page is flushed through the
 * compressor as soon as it is written (the phone stores it while the next one travels); writes wait for the
 * socket (backpressure), so a slow phone holds one page in memory, not the whole regency.
 */
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';
import type { AuthContext } from '../auth/types';
import type { Database } from '../db/types';
import { MAX_PULL_PAGE, PROTOCOL_VERSION } from '../../shared/protocol';
import { packRecord, type StreamLine } from '../../shared/stream';
import { visibilityParams, visibilitySql } from './access';
import { pullChanges, visibilityScope } from './pull';

/**
 * Brotli quality: on the bench regency's text 9 compresses 4.98x at ~2 MB/s of one core, 5 4.62x at ~3.5 MB/s; a
 * stream runs at the link's speed (50 KB/s of brotli on 2G), so 9 costs a new phone's sync ~15 s of CPU spread
 * over its minutes and saves 8% of the bytes. 11 would cost ten times the CPU for a few % more.
 */
export const STREAM_BROTLI_QUALITY = 9;

export type StreamEncoding = 'br' | 'gzip' | 'identity';

/** The strongest encoding the request accepts (`br` over HTTPS in every current browser). */
export function streamEncoding(acceptEncoding: string | undefined): StreamEncoding {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name!.toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

/** What the stream from `cursor` will carry: records and about how many bytes of JSON (for the progress). */
async function streamTotals(db: Database, auth: AuthContext, cursor: number) {
  const { rows } = await db.query<{ records: string | number; bytes: string | number | null }>(
    `SELECT count(*) AS records, sum(octet_length(body::text) + 250) AS bytes FROM sync_records
     WHERE tenant_id = $1 AND version > $2 AND ${visibilitySql(3)}`,
    [auth.tenantId, cursor, ...visibilityParams(auth)],
  );
  return { records: Number(rows[0]?.records ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
}

/** The lines of a stream from `cursor`, page by page (each page one consistent pull, as `GET /pull`). */
export async function* streamLines(
  db: Database,
  auth: AuthContext,
  cursor: number,
  limit = MAX_PULL_PAGE,
): AsyncGenerator<StreamLine> {
  const totals = await streamTotals(db, auth, cursor);
  yield { t: 'start', ...totals, scope: visibilityScope(auth) };
  for (;;) {
    const page = await pullChanges(db, auth, {
      protocolVersion: PROTOCOL_VERSION,
      cursor,
      limit,
      view: 'full',
    });
    cursor = Math.max(cursor, page.cursor);
    if (page.records.length > 0) yield { t: 'page', records: page.records.map(packRecord), cursor };
    if (!page.hasMore) break;
  }
  yield { t: 'end', cursor };
}

const flushed = (z: BrotliCompress | Gzip, encoding: StreamEncoding) =>
  new Promise<void>((resolve) =>
    z.flush(encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH, () => resolve()),
  );

/**
 * The stream as a web body, compressed. A failure part way (the database gone) ends the body without its `end`
 * line: the phone sees a cut stream and resumes later from the last page it wrote.
 */
export function streamBody(
  lines: AsyncIterable<StreamLine>,
  encoding: StreamEncoding,
): ReadableStream<Uint8Array> {
  if (encoding === 'identity') {
    return Readable.toWeb(
      Readable.from(
        (async function* () {
          for await (const line of lines) yield Buffer.from(`${JSON.stringify(line)}\n`);
        })(),
      ),
    ) as ReadableStream<Uint8Array>;
  }
  const z =
    encoding === 'br'
      ? createBrotliCompress({
          params: {
            [constants.BROTLI_PARAM_QUALITY]: STREAM_BROTLI_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        })
      : createGzip({ level: 6 });
  void (async () => {
    try {
      for await (const line of lines) {
        if (z.destroyed) return;
        if (!z.write(`${JSON.stringify(line)}\n`))
          await new Promise<void>((resolve) => {
            z.once('drain', resolve);
            z.once('close', resolve);
          });
        if (z.destroyed) return;
        await flushed(z, encoding);
      }
      z.end();
    } catch (err) {
      z.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return Readable.toWeb(z) as ReadableStream<Uint8Array>;
}
