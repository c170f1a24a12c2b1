/** PostgreSQL server through a node-postgres pool (DATABASE_URL). */
import pg from 'pg';
import type { Database, Queryable } from './types';

const INT8_OID = 20;

/**
 * int8 (bigint, count(*)) comes back as a JS number, as PGlite returns it, so both databases give the same
 * values. Versions and counts stay far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function lastRows<Row>(result: pg.QueryResult | pg.QueryResult[]): Row[] {
  // A parameterless multi-statement query (a migration file) answers with one result per statement.
  const last = Array.isArray(result) ? result.at(-1) : result;
  return (last?.rows ?? []) as Row[];
}

/**
 * LISTEN on its own connection (outside the pool, which hands connections to whoever asks). If the connection
 * drops, it reconnects after a second until stopped, so live events survive a database restart.
 */
function listenOn(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
): { ready: Promise<void>; stop: () => Promise<void> } {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    client = c;
    const reconnect = () => {
      if (stopped || client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      retry = setTimeout(() => void connect().catch(reconnect), 1000);
      retry.unref();
    };
    c.on('error', reconnect);
    c.on('end', reconnect);
    c.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    await c.connect();
    await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
  };
  const ready = connect();
  return {
    ready,
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export interface PostgresOptions {
  /** Pooled connections (default 10). */
  max?: number;
  /** How long a request waits for a free connection before it is answered 503 (default 10 s). */
  acquireTimeoutMs?: number;
  /** Longest a statement may run (default 30 s; migrations lift it for their own transaction). */
  statementTimeoutMs?: number;
  /** Prepare statements with parameters once per connection (default true; see `statementsOf`). */
  prepare?: boolean;
}

/** A timeout the database or the pool enforced: the request is answered 503 (try again), not 500. */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout), 25P03 idle in transaction.
  if (code === '57014' || code === '55P03' || code === '25P03') return true;
  return err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message);
}

/**
 * How many distinct statement texts a pool prepares (see `statementsOf`). Rintis sends a few dozen; the bound
 * keeps SQL whose text varies from growing every connection's prepared statements without end.
 */
const PREPARED_TEXTS = 500;

/**
 * Query configs for node-postgres: a statement with parameters is named, so each connection prepares it once and
 * then sends only its parameters. PostgreSQL skips parsing it again and, once its generic plan proves as cheap
 * as the custom ones (every lookup here is by key), planning it: under the 200-phone load planning was 42 % of
 * PostgreSQL's statement time (pg_stat_statements, docs/scale.md). Texts beyond the bound run unnamed.
 */
function statementsOf(prepare: boolean): (sql: string, params?: unknown[]) => pg.QueryConfig {
  const names = new Map<string, string>();
  return (sql, params) => {
    if (params === undefined || params.length === 0) return { text: sql };
    if (!prepare) return { text: sql, values: params };
    let name = names.get(sql);
    if (name === undefined && names.size < PREPARED_TEXTS) {
      name = `rintis_${names.size}`;
      names.set(sql, name);
    }
    return name === undefined ? { text: sql, values: params } : { name, text: sql, values: params };
  };
}

export function openPostgres(connectionString: string, options: PostgresOptions = {}): Database {
  // Bounded waits everywhere: no request waits for ever on a connection, a statement or an open transaction.
  const pool = new pg.Pool({
    connectionString,
    // Statements issued without awaiting the one before go out together and are answered in order (node-postgres
    // pipelining): a push sends its locks and first reads in one round trip (push.ts).
    pipeline: true,
    max: options.max ?? 10,
    types,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle client losing its connection (server restart) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const statement = statementsOf(options.prepare ?? true);
  let closed = false;
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    query: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => ({
      rows: lastRows<Row>((await pool.query(statement(sql, params))) as pg.QueryResult | pg.QueryResult[]),
    }),
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      const client = await pool.connect();
      let broken = false;
      // Not awaited alone: the pipelined connection sends the transaction's first statements right behind it.
      const begun = client.query('BEGIN');
      begun.catch(() => undefined);
      let finished = false;
      const open = () => {
        if (finished) throw new Error('the transaction was already committed by `finish`');
      };
      try {
        const tx: Queryable = {
          query: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => {
            open();
            // Sent before anything is awaited, so statements issued together share one round trip.
            const [, result] = await Promise.all([begun, client.query(statement(sql, params))]);
            return { rows: lastRows<Row>(result as pg.QueryResult | pg.QueryResult[]) };
          },
          finish: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => {
            open();
            finished = true;
            const [, result, commit] = await Promise.all([
              begun,
              client.query(statement(sql, params)),
              client.query('COMMIT'),
            ]);
            // A COMMIT that ended a failed transaction answers ROLLBACK (no error of its own).
            if (commit.command !== 'COMMIT') throw new Error(`COMMIT answered ${commit.command}`);
            return { rows: lastRows<Row>(result as pg.QueryResult | pg.QueryResult[]) };
          },
        };
        const result = await fn(tx);
        await begun;
        if (!finished) await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    listen: async (channel, onPayload) => {
      const l = listenOn(connectionString, channel, onPayload);
      try {
        await l.ready;
      } catch (err) {
        await l.stop();
        throw err;
      }
      const stop = async () => {
        listeners.delete(stop);
        await l.stop();
      };
      listeners.add(stop);
      return stop;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}
