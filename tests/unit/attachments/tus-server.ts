/**
 * For the resume tests: a real tus 1.0 server (@tus/server with its file store, as the app's server uses) on a
 * loopback port, behind a TCP proxy that counts every byte it forwards to the server and can cut every
 * connection at a chosen number of bytes, like a phone losing signal mid-chunk.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

export interface TusFixture {
  /** The endpoint through the proxy. */
  endpoint: string;
  /** The origin through the proxy. */
  origin: string;
  /** Bytes the proxy forwarded to the server (requests, headers included). */
  forwarded(): number;
  /** Cut every open connection after it has forwarded `bytes` more bytes (once per connection). */
  cutAfter(bytes: number | null): void;
  /** Cut the next `count` connections, each after `next()` bytes (a new draw per connection). */
  cutConnections(count: number, next: () => number): void;
  /** Connections cut so far. */
  cuts(): number;
  /** Cuts every open connection now. */
  dropAll(): void;
  /** The bytes of the finished uploads (by upload id). */
  finished(): Buffer[];
  close(): Promise<void>;
}

const listen = (server: HttpServer | TcpServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );

export async function startTusFixture(): Promise<TusFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rintis-tus-'));
  const done: string[] = [];
  const tus = new Server({
    path: '/api/files',
    datastore: new FileStore({ directory: dir }),
    // A refusal the way the app's server words it (bilingual JSON), for files named so.
    onUploadCreate: async (_req, upload) => {
      if (upload.metadata?.filename === 'terlalu-besar.pdf')
        throw {
          status_code: 413,
          body: JSON.stringify({
            error: { code: 'too-large', message: 'Berkas terlalu besar', messageEn: 'File too large' },
          }),
        };
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      done.push(upload.id);
      return {};
    },
  });
  // HEAD /api/files/by-hash/<sha>: 200 when a finished upload has that SHA-256 (as the app's server answers).
  const http = createHttpServer((req, res) => {
    const byHash = /^\/api\/files\/by-hash\/([0-9a-f]{64})$/.exec(req.url ?? '');
    if (byHash) {
      const held = done.some(
        (id) =>
          createHash('sha256')
            .update(readFileSync(join(dir, id)))
            .digest('hex') === byHash[1],
      );
      res.writeHead(held ? 200 : 404).end();
      return;
    }
    void tus.handle(req, res);
  });
  const httpPort = await listen(http);

  let forwarded = 0;
  let cut: number | null = null;
  let cutsLeft = 0;
  let cutsDone = 0;
  let nextCut: () => number = () => 0;
  const sockets = new Set<Socket>();
  /** Bytes each open connection may still forward before it is cut (null: no cut). */
  const budgets = new Map<Socket, number | null>();
  const proxy = createTcpServer((client) => {
    const upstream = connect(httpPort, '127.0.0.1');
    sockets.add(client);
    if (cutsLeft > 0) {
      cutsLeft--;
      budgets.set(client, nextCut());
    } else budgets.set(client, cut);
    client.on('data', (chunk: Buffer) => {
      const budget = budgets.get(client) ?? null;
      if (budget !== null && chunk.length >= budget) {
        const part = chunk.subarray(0, budget);
        forwarded += part.length;
        cutsDone++;
        upstream.write(part, () => {
          client.destroy();
          upstream.destroy();
        });
        budgets.set(client, 0);
        return;
      }
      if (budget !== null) budgets.set(client, budget - chunk.length);
      forwarded += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      sockets.delete(client);
      budgets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    client.on('error', end);
    upstream.on('close', end);
    upstream.on('error', end);
  });
  const proxyPort = await listen(proxy);
  return {
    endpoint: `http://127.0.0.1:${proxyPort}/api/files/`,
    origin: `http://127.0.0.1:${proxyPort}`,
    forwarded: () => forwarded,
    cutConnections: (count, next) => {
      cutsLeft = count;
      nextCut = next;
    },
    cuts: () => cutsDone,
    cutAfter: (bytes) => {
      cut = bytes;
      for (const s of sockets) budgets.set(s, bytes);
    },
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    finished: () => done.map((id) => readFileSync(join(dir, id))),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => proxy.close(r));
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
