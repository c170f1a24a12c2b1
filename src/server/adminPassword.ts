/**
 * How the admin command gets a password: typed at a hidden prompt when a person is at a terminal, else the
 * first line of standard input (scripts: `printf '%s\n' "$PASS" | npm run admin -- create-user ...`). Never
 * from the command line: npm prints the command it runs into its log, and the shell keeps it in its history.
 */
import type { Readable, Writable } from 'node:stream';

export class PasswordInputError extends Error {}

export interface PasswordSource {
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where prompts go (standard error, so standard output stays clean for --json). */
  output: Writable;
}

/** The first line of a non-interactive input, without its line ending. */
export async function readFirstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') {
    throw new PasswordInputError('Tidak ada kata sandi di standar input / no password on standard input');
  }
  return line;
}

/** Reads one line from a terminal without showing it; Ctrl-C cancels. */
export function promptHidden(source: PasswordSource, prompt: string): Promise<string> {
  const { input, output } = source;
  return new Promise((resolve, reject) => {
    let typed = '';
    output.write(prompt);
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.resume();
    const finish = (err: Error | null) => {
      input.setRawMode?.(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || ch === '\u0004') {
          return finish(new PasswordInputError('Dibatalkan / cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
      return undefined;
    };
    input.on('data', onData);
  });
}

/** A new password: at a terminal typed twice (hidden) and compared; otherwise the first line of stdin. */
export async function readNewPassword(source: PasswordSource): Promise<string> {
  if (!source.input.isTTY) return readFirstLine(source.input);
  const first = await promptHidden(source, 'Kata sandi / password: ');
  const again = await promptHidden(source, 'Ulangi kata sandi / repeat the password: ');
  if (first !== again) {
    throw new PasswordInputError('Kedua kata sandi tidak sama / the two passwords differ');
  }
  return first;
}
