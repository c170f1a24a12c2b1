/**
 * Server configuration, read only from the environment (README lists every variable). Parsed with zod so a typo
 * such as `PORT=80a` stops the server at start with a clear message instead of misbehaving later.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  PASSWORD_HASH_COST_DEFAULT,
  PASSWORD_HASH_COST_FLOOR,
  PASSWORD_HASH_COST_MAX,
} from './auth/password';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data/pglite'),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false', '1', '0'], {
      message:
        'DATABASE_PREPARED_STATEMENTS harus true atau false / DATABASE_PREPARED_STATEMENTS must be true or false',
    })
    .default('true'),
  AUTH_SECRET: z
    .string()
    .min(32, 'AUTH_SECRET minimal 32 karakter / AUTH_SECRET needs at least 32 characters')
    .optional(),
  STATIC_DIR: z.string().min(1).default('./dist'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  CORS_ORIGINS: z.string().default(''),
  FILE_DIR: z.string().min(1).default('./data/files'),
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  TENANT_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024 * 1024),
  FILE_ORPHAN_DAYS: z.coerce.number().nonnegative().default(30),
  FILE_CLEANUP_INTERVAL_HOURS: z.coerce.number().nonnegative().default(6),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], {
      message: 'TRUST_PROXY harus true atau false / TRUST_PROXY must be true or false',
    })
    .default('false'),
  METRICS_TOKEN: z
    .string()
    .min(16, 'METRICS_TOKEN minimal 16 karakter / METRICS_TOKEN needs at least 16 characters')
    .optional(),
  // log2 of scrypt's N. Never under the floor here: only tests, which build the app's config in code, go lower.
  PASSWORD_HASH_COST: z.coerce
    .number()
    .int('PASSWORD_HASH_COST harus bilangan bulat / PASSWORD_HASH_COST must be a whole number')
    .min(
      PASSWORD_HASH_COST_FLOOR,
      `PASSWORD_HASH_COST minimal ${PASSWORD_HASH_COST_FLOOR} (N=2^${PASSWORD_HASH_COST_FLOOR}, batas bawah OWASP) / ` +
        `PASSWORD_HASH_COST must be at least ${PASSWORD_HASH_COST_FLOOR} (N=2^${PASSWORD_HASH_COST_FLOOR}, the OWASP minimum)`,
    )
    .max(
      PASSWORD_HASH_COST_MAX,
      `PASSWORD_HASH_COST paling besar ${PASSWORD_HASH_COST_MAX} (1 GiB per hash) / ` +
        `PASSWORD_HASH_COST may be at most ${PASSWORD_HASH_COST_MAX} (1 GiB a hash)`,
    )
    .default(PASSWORD_HASH_COST_DEFAULT),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** PGlite data folder, or `memory://` for a throwaway in-memory database. Ignored when `databaseUrl` is set. */
  dataDir: string;
  /** node-postgres connection string; when set, the server uses PostgreSQL instead of PGlite. */
  databaseUrl: string | null;
  /**
   * PostgreSQL: prepare each statement with parameters once per connection (named). Off only behind a pooler
   * that does not pass named prepared statements (a transaction-mode PgBouncer before 1.21, or without
   * `max_prepared_statements`).
   */
  databasePreparedStatements: boolean;
  /** HMAC secret for access tokens; when null, one is generated once and kept in the database. */
  authSecret: string | null;
  /** Folder with the built PWA (`vite build` output). */
  staticDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Origins allowed to call the API cross-origin; empty: cross-origin requests are refused. */
  corsOrigins: string[];
  /** Attachments: partial uploads and (folder store) stored files; see src/server/README.md, "Attachments". */
  fileDir: string;
  /** Largest attachment accepted, in bytes. */
  fileMaxBytes: number;
  /** Bytes of attachments one tenant may hold on the server (stored plus uploads in progress). */
  tenantQuotaBytes: number;
  /** Days a stored file no live attachment record references is kept before the cleanup removes it. */
  fileOrphanDays: number;
  /** Hours between the server's orphan file cleanups; 0: the server never runs it (the admin command still does). */
  fileCleanupIntervalHours: number;
  /** Behind one reverse proxy: take the client address from its X-Forwarded-For entry (sign-in limits). */
  trustProxy: boolean;
  /** Bearer token that GET /api/metrics requires; null: metrics are not served at all. */
  metricsToken: string | null;
  /** scrypt cost as log2 N (r=8, p=1): 17 (128 MiB a hash) by default, never less from the environment. */
  passwordHashCost: number;
}

export class ConfigError extends Error {}

/** Reads the configuration from `env` (default `process.env`); throws ConfigError with a bilingual message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  // Empty strings count as unset, as they do in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Konfigurasi tidak sah / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR.startsWith('memory://') ? e.DATA_DIR : resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    databasePreparedStatements:
      e.DATABASE_PREPARED_STATEMENTS === 'true' || e.DATABASE_PREPARED_STATEMENTS === '1',
    authSecret: e.AUTH_SECRET ?? null,
    staticDir: resolve(e.STATIC_DIR),
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter((o) => o.length > 0),
    fileDir: resolve(e.FILE_DIR),
    fileMaxBytes: e.FILE_MAX_BYTES,
    tenantQuotaBytes: e.TENANT_QUOTA_BYTES,
    fileOrphanDays: e.FILE_ORPHAN_DAYS,
    fileCleanupIntervalHours: e.FILE_CLEANUP_INTERVAL_HOURS,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    metricsToken: e.METRICS_TOKEN ?? null,
    passwordHashCost: e.PASSWORD_HASH_COST,
  };
}
