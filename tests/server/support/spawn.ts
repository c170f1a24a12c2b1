/** Runs a server script under tsx as a real child process, as `npm run admin` / `npm run serve` would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** The parent's environment without database settings, so a developer's DATABASE_URL cannot leak into a test. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'DATA_DIR',
    'AUTH_SECRET',
    'PORT',
    'HOST',
    'STATIC_DIR',
    'CORS_ORIGINS',
    'FILE_DIR',
    'FILE_ORPHAN_DAYS',
  ]) {
    delete env[key];
  }
  return { ...env, ...extra };
}

export function spawnScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  return spawn(TSX, [script, ...args], { cwd: REPO_ROOT, env, stdio: [stdin, 'pipe', 'pipe'] });
}

/** Runs `script`; `input`, when given, is written to its standard input (a pipe, not a terminal). */
export async function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnScript(script, args, env, input === undefined ? 'ignore' : 'pipe');
  if (input !== undefined) child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
