/** How the admin command reads a password: hidden at a terminal (typed twice), else the first line of stdin. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptHidden, readFirstLine, readNewPassword } from '../../../src/server/adminPassword';

/** A fake terminal: what is "typed" arrives as data, raw mode is recorded, the prompt output is collected. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(raw: boolean) {
      this.rawModes.push(raw);
      return this;
    },
  });
  let shown = '';
  const output = new PassThrough();
  output.on('data', (d: Buffer) => (shown += d.toString()));
  return { input, output, shown: () => shown };
}

describe('admin password input', () => {
  it('reads a hidden line at a terminal: nothing typed is shown, backspace works, raw mode is restored', async () => {
    const t = terminal();
    const answer = promptHidden(t, 'Kata sandi / password: ');
    t.input.write('rahasiaX\u007f-panjang\r');
    expect(await answer).toBe('rahasia-panjang');
    expect(t.shown()).toBe('Kata sandi / password: \n');
    expect(t.input.rawModes).toEqual([true, false]);
  });

  it('asks twice at a terminal and refuses two different passwords; Ctrl-C cancels', async () => {
    const t = terminal();
    const same = readNewPassword(t);
    t.input.write('sandi-panjang-1\r');
    await new Promise((r) => setTimeout(r, 10));
    t.input.write('sandi-panjang-1\r');
    expect(await same).toBe('sandi-panjang-1');

    const u = terminal();
    const differ = readNewPassword(u);
    u.input.write('sandi-panjang-1\r');
    await new Promise((r) => setTimeout(r, 10));
    u.input.write('sandi-panjang-2\r');
    await expect(differ).rejects.toThrow('Kedua kata sandi tidak sama / the two passwords differ');

    const v = terminal();
    const cancelled = promptHidden(v, '> ');
    v.input.write('abc\u0003');
    await expect(cancelled).rejects.toThrow('Dibatalkan / cancelled');
  });

  it('takes the first line of a pipe, and refuses an empty one', async () => {
    const pipe = new PassThrough();
    pipe.end('sandi dari skrip\r\nbaris kedua\n');
    expect(await readFirstLine(pipe)).toBe('sandi dari skrip');
    const empty = new PassThrough();
    empty.end('');
    await expect(readFirstLine(empty)).rejects.toThrow('no password on standard input');
  });
});
