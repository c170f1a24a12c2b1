/**
 * Starts the HTTP server on a database: migrates, listens, and offers a graceful stop that stops accepting
 * connections, lets requests in flight finish (a push is never cut in half; an upload PATCH still receiving ends
 * at once with the bytes received acknowledged, so its phone resumes from there), closes long-lived event
 * streams, then closes the database.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { seedAllTenants } from './templates/service';
import { seedAllProgrammes } from './programme/service';
import { migrate, openDatabase } from './db/index';
import type { Database } from './db/types';
import { createLogger, type Logger } from './http/logging';
import { createMetrics } from './http/metrics';
import { syncEventsFor } from './sync/events';
import { endUploadsInFlight } from './files/service';

/** How long shutdown waits for requests in flight before cutting connections. */
export const SHUTDOWN_GRACE_MS = 15_000;

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  db: Database;
  /** Graceful stop; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * IPv4 addresses a phone on the same network may reach this machine at, for the start message. None when the
 * interfaces cannot be read: deploy/rintis.service allows only AF_INET, AF_INET6 and AF_UNIX sockets, and
 * listing interfaces needs an AF_NETLINK one (Node then throws, which must not stop a server that is running).
 */
export function lanAddresses(readInterfaces: typeof networkInterfaces = networkInterfaces): string[] {
  let interfaces: ReturnType<typeof networkInterfaces>;
  try {
    interfaces = readInterfaces();
  } catch {
    return [];
  }
  return Object.values(interfaces)
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

export async function startServer(
  config: ServerConfig,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db);
    logger.info({ applied, database: db.kind }, 'migrations done');
    // Tenants made before templates were records get the shipped ones (idempotent: only what is missing).
    const seeded = await seedAllTenants(db);
    if (seeded > 0) logger.info({ tenants: seeded }, 'templates seeded');
    // And those made before programme settings were records get the shipped settings.
    const programmes = await seedAllProgrammes(db);
    if (programmes > 0) logger.info({ tenants: programmes }, 'programme settings seeded');
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = createApp({ db, config, logger, metrics: createMetrics({ processMetrics: true }) });

  // Requests whose handler has not returned yet. An event stream returns at once (its body streams on), so
  // it does not hold shutdown up.
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const server = serve({
    fetch: async (req, env) => {
      inFlight++;
      try {
        return await app.fetch(req, env);
      } finally {
        inFlight--;
        if (inFlight === 0) drained?.();
      }
    },
    port: config.port,
    hostname: config.host,
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info({ inFlight }, 'shutting down');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Upload PATCHes in progress end now with the bytes received acknowledged, so clients resume from there.
      endUploadsInFlight(db);
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
        ]);
      }
      // Give the last responses a moment to be written, then cut keep-alive and event-stream connections.
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.closeAllConnections();
      await closed;
      await syncEventsFor(db).close();
      await db.close();
      logger.info('stopped');
    })());

  return { url, port, server, db, stop };
}
