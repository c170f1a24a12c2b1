/**
 * Starts the real server (see serve.ts) for a test file and gives a `fetch` for the client code under test:
 * real HTTP to it on loopback, with `online = false` failing like a browser without signal (TypeError), and a
 * log of the requests made.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { FetchLike } from '../../../src/lib/account/api';

export interface ServerInfo {
  url: string;
  password: string;
  tenantId: string;
  coordinator: { id: string; login: string };
  innovator: { id: string; login: string };
}

export interface TestServer extends ServerInfo {
  fetch: FetchLike;
  online: boolean;
  requests: string[];
  stop(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    // Relative to the project root (Vitest's cwd): Vite rewrites `import.meta.url` paths in jsdom tests.
    ['--import', 'tsx', resolve('tests/component/account/serve.ts')],
    { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const info = await new Promise<ServerInfo>((done, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => done(JSON.parse(line) as ServerInfo));
    child.once('exit', (code) => reject(new Error(`test server exited (${code})`)));
  });
  const server: TestServer = {
    ...info,
    online: true,
    requests: [],
    fetch: async (input, init) => {
      if (!server.online) throw new TypeError('Failed to fetch');
      const url = new URL(input, info.url);
      server.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      // Node's fetch, not jsdom's: a real HTTP request to the server process.
      const { method, headers, body } = init ?? {};
      return fetch(`${info.url}${url.pathname}${url.search}`, {
        method: method ?? 'GET',
        headers: headers ?? {},
        ...(body !== undefined && body !== null ? { body } : {}),
      });
    },
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.stdin?.end();
        setTimeout(() => child.kill(), 3000).unref();
      }),
  };
  return server;
}
