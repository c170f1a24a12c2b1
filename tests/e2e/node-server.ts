/**
 * The bundled server as production runs it: `node dist-server/main.js` in an installed folder, settings only from
 * the environment. Shared by the production install test and the install-release test.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface HealthAnswer {
  status: 'ok' | 'degraded';
  database: { kind: 'pglite' | 'postgres'; reachable: boolean };
  version: string;
}

/**
 * Polls `<url>/api/health` until it answers 200; throws with `describe()`'s text (the server's output) when
 * `exited()` says the process is gone, or after `timeoutMs`.
 */
export async function waitForHealth(
  url: string,
  opts: { exited?: () => boolean; describe?: () => string; timeoutMs?: number } = {},
): Promise<HealthAnswer> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (opts.exited?.()) throw new Error(`server exited:\n${opts.describe?.() ?? ''}`);
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.ok) return (await res.json()) as HealthAnswer;
    if (Date.now() > deadline) throw new Error(`no health answer from ${url}:\n${opts.describe?.() ?? ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export interface NodeServer {
  url: string;
  process: ChildProcess;
  /** What it printed so far (standard output and error). */
  output(): string;
  /** SIGTERM, as systemd stops it; waits up to 5 s for the exit. */
  stop(): Promise<void>;
}

/** Starts `node <mainJs>` on 127.0.0.1:`port` and waits until its health check answers. */
export async function startNodeServer(
  mainJs: string,
  opts: { cwd: string; env: NodeJS.ProcessEnv; port: number },
): Promise<NodeServer> {
  const child = spawn(process.execPath, [mainJs], {
    cwd: opts.cwd,
    env: { ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const server: NodeServer = {
    url: `http://127.0.0.1:${opts.port}`,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
  try {
    await waitForHealth(server.url, {
      exited: () => child.exitCode !== null,
      describe: () => output,
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
