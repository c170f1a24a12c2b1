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
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
