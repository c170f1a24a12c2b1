/** Configuration comes only from the environment; mistakes stop the server with a bilingual message. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../src/server/auth/password';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '0.0.0.0',
      dataDir: resolve('./data/pglite'),
      databaseUrl: null,
      databasePreparedStatements: true,
      authSecret: null,
      staticDir: resolve('./dist'),
      logLevel: 'info',
      corsOrigins: [],
      fileDir: resolve('./data/files'),
      fileMaxBytes: 10 * 1024 * 1024,
      tenantQuotaBytes: 2 * 1024 * 1024 * 1024,
      fileOrphanDays: 30,
      fileCleanupIntervalHours: 6,
      trustProxy: false,
      metricsToken: null,
      passwordHashCost: 17,
    });
  });

  it('hashes passwords at N=2^17 unless told more, and never at less', () => {
    // OWASP's minimum for scrypt (N=2^17, r=8, p=1): 128 MiB a hash.
    expect(loadConfig({}).passwordHashCost).toBe(17);
    expect(new PasswordHasher().cost).toBe(17);
    expect(loadConfig({ PASSWORD_HASH_COST: '18' }).passwordHashCost).toBe(18);
    for (const low of ['16', '10', '0']) {
      expect(() => loadConfig({ PASSWORD_HASH_COST: low })).toThrow(
        'PASSWORD_HASH_COST minimal 17 (N=2^17, batas bawah OWASP) / PASSWORD_HASH_COST must be at least 17 (N=2^17, the OWASP minimum)',
      );
    }
    expect(() => loadConfig({ PASSWORD_HASH_COST: '21' })).toThrow(/PASSWORD_HASH_COST may be at most 20/);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '17.5' })).toThrow(
      /PASSWORD_HASH_COST must be a whole number/,
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DATABASE_URL: 'postgres://rintis@db.internal:5432/rintis',
      AUTH_SECRET: 'x'.repeat(40),
      STATIC_DIR: '/srv/rintis/dist',
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: 'https://a.example/, https://b.example',
      FILE_DIR: '/srv/rintis/files',
      FILE_MAX_BYTES: '5242880',
      TENANT_QUOTA_BYTES: '1073741824',
      FILE_ORPHAN_DAYS: '7.5',
      FILE_CLEANUP_INTERVAL_HOURS: '0',
      PASSWORD_HASH_COST: '19',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: 'memory://',
      databaseUrl: 'postgres://rintis@db.internal:5432/rintis',
      staticDir: '/srv/rintis/dist',
      logLevel: 'warn',
      corsOrigins: ['https://a.example', 'https://b.example'],
      fileDir: '/srv/rintis/files',
      fileMaxBytes: 5 * 1024 * 1024,
      tenantQuotaBytes: 1024 * 1024 * 1024,
      fileOrphanDays: 7.5,
      fileCleanupIntervalHours: 0,
      passwordHashCost: 19,
    });
  });

  it('prepares statements unless told not to, and stops on a typo', () => {
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: '1' }).databasePreparedStatements).toBe(true);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'off' })).toThrow(
      /DATABASE_PREPARED_STATEMENTS harus true atau false/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8787, databaseUrl: null });
  });

  it.each([
    [{ PORT: '80a' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FILE_MAX_BYTES: '10MB' }, 'FILE_MAX_BYTES'],
    [{ TENANT_QUOTA_BYTES: '-1' }, 'TENANT_QUOTA_BYTES'],
    [{ FILE_ORPHAN_DAYS: '-1' }, 'FILE_ORPHAN_DAYS'],
    [{ FILE_CLEANUP_INTERVAL_HOURS: 'daily' }, 'FILE_CLEANUP_INTERVAL_HOURS'],
    [{ AUTH_SECRET: 'pendek' }, 'AUTH_SECRET minimal 32 karakter / AUTH_SECRET needs at least 32 characters'],
  ])('refuses %j', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/Konfigurasi tidak sah \/ invalid configuration/);
    expect(() => loadConfig(env)).toThrow(expected);
  });
});
