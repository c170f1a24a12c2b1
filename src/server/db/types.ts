/**
 * The server's database contract. Two implementations share it and one test suite: PGlite (embedded, the
 * default, data in DATA_DIR) and node-postgres (DATABASE_URL). The same SQL runs on both.
 *
 * Guarantees: `transaction` runs `fn` in one PostgreSQL transaction (READ COMMITTED) and commits only if `fn`
 * resolves; a thrown error rolls everything back. Queries outside a transaction autocommit.
 */
export interface Queryable {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: Row[] }>;
  /**
   * Optional, in a transaction: runs `sql` as its last statement, with the COMMIT sent right behind it (one round
   * trip, not two), and resolves once both are done; nothing may be queried after it. If `sql` fails, the COMMIT
   * only ends the failed transaction, and this rejects with the statement's error. So `sql` must fail, not
   * merely report, when what it finds means the transaction must not commit. Without it (PGlite), run `sql` with
   * `query` and let the transaction commit as usual.
   */
  finish?<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: Row[] }>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Optional: LISTEN on a channel; `onPayload` gets every NOTIFY payload (from any process on the same database).
   * Resolves to a function that stops listening. Sync's live events use it and fall back to polling without it.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
