/**
 * Server entry point: `npm start` builds the PWA and bundles this into dist-server/main.js, then runs it;
 * `npm run serve` runs the existing bundle with plain node (scripts/build-server.mjs).
 * Configuration comes only from the environment (see config.ts). Prints where to open the app; SIGTERM and
 * SIGINT stop it gracefully.
 */
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { createLogger } from './http/logging';
import { lanAddresses, startServer, type RunningServer } from './server';

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  let running: RunningServer;
  try {
    running = await startServer(config, logger);
  } catch (err) {
    logger.fatal({ err }, 'start failed');
    process.stderr.write(
      `Server gagal dijalankan / the server could not start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.dataDir}`;
  const lanIps = lanAddresses();
  const lan = lanIps.map((ip) => `  http://${ip}:${running.port}`);
  process.stderr.write(
    [
      '',
      `Rintis berjalan / is running: ${running.url}`,
      `Basis data / database: ${where}`,
      ...(lan.length > 0
        ? [
            'Dari HP di jaringan yang sama / from a phone on the same network:',
            ...lan,
            '  (mode luring butuh HTTPS di luar localhost; lihat README / offline mode needs HTTPS off localhost; see README)',
          ]
        : []),
      '',
    ].join('\n'),
  );
  logger.info({ url: running.url, lan: lanIps }, 'listening');

  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

await main();
