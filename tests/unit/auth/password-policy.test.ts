/** The shared new-password rule, with the real common-password list (the one the server and the phone load). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommonPasswords } from '../../../src/shared/commonPasswords';
import {
  MIN_NEW_PASSWORD_LENGTH,
  NEW_PASSWORD_MESSAGES,
  commonPasswordCandidates,
  isCommonPassword,
  newPasswordProblem,
} from '../../../src/shared/passwordPolicy';
import { describeUserAgent } from '../../../src/shared/userAgent';
import { invitationText } from '../../../src/lib/account/invitation';

let common: ReadonlySet<string>;

beforeAll(async () => {
  common = await loadCommonPasswords();
});

describe('the common-password list', () => {
  it('is the zxcvbn-ts list, lower-cased, loaded once', async () => {
    expect(common.size).toBeGreaterThan(40_000);
    for (const p of ['123456', 'password', 'qwerty', 'iloveyou', 'trustno1'])
      expect(common.has(p)).toBe(true);
    expect(await loadCommonPasswords()).toBe(common);
  });
});

describe('newPasswordProblem', () => {
  it('needs at least 10 characters (counted as people see them) and at most 200', () => {
    expect(MIN_NEW_PASSWORD_LENGTH).toBe(10);
    expect(newPasswordProblem('kopi-pagi', { common })).toBe('too-short');
    expect(newPasswordProblem('kopi-pagi!', { common })).toBeNull();
    // Ten emoji are 20 UTF-16 units but ten characters; nine are too few.
    expect(newPasswordProblem('🐢'.repeat(9), { common })).toBe('too-short');
    expect(newPasswordProblem('x'.repeat(201), { common })).toBe('too-long');
  });

  it('refuses common passwords, also with case changed and digits or symbols around them', () => {
    for (const p of [
      'password1234',
      'PASSWORD12345',
      'Qwertyuiop',
      'iloveyou2024!',
      '!!sunshine123',
      'football99!!',
    ]) {
      expect(newPasswordProblem(p, { common }), p).toBe('too-common');
    }
    expect(commonPasswordCandidates('Password2024!')).toEqual(['password2024!', 'password']);
  });

  it('refuses Indonesian and app words, repeated characters and digits only, even without the list', () => {
    for (const p of [
      'Bismillah123',
      'sayangku2024',
      'indonesia45!',
      'Rintis2025!!',
      'aaaaaaaaaaaa',
      '081234567890',
    ]) {
      expect(newPasswordProblem(p, { common: null }), p).toBe('too-common');
    }
  });

  it('accepts passphrases and random strings', () => {
    for (const p of [
      'kopi pagi di pasar',
      'k7mq-3xha-pw9e',
      'Sapi-Terbang-Merah-7',
      'puskesmas sukamaju ramai',
    ]) {
      expect(newPasswordProblem(p, { common }), p).toBeNull();
      expect(isCommonPassword(p, common), p).toBe(false);
    }
  });

  it('refuses the current password as the new one', () => {
    expect(newPasswordProblem('kopi pagi di pasar', { common, current: 'kopi pagi di pasar' })).toBe(
      'unchanged',
    );
    expect(newPasswordProblem('kopi pagi di pasar', { common, current: 'lain sekali ya' })).toBeNull();
  });

  it('has a message in both languages for every problem', () => {
    for (const m of Object.values(NEW_PASSWORD_MESSAGES)) {
      expect(m.id.length).toBeGreaterThan(0);
      expect(m.en.length).toBeGreaterThan(0);
      expect(m.id).not.toBe(m.en);
    }
  });
});

describe('describeUserAgent', () => {
  it('names the browser family and the operating system', () => {
    const cases: [string, string | null, string | null][] = [
      [
        'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
        'Chrome',
        'Android',
      ],
      [
        'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
        'Samsung Internet',
        'Android',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
        'Safari',
        'iOS',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0',
        'Firefox',
        'Windows',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
        'Edge',
        'Windows',
      ],
      ['', null, null],
    ];
    for (const [ua, browser, os] of cases) expect(describeUserAgent(ua), ua).toEqual({ browser, os });
  });
});

describe('invitationText', () => {
  it('gives the sign-in link, the login and the one-time password, in Indonesian', () => {
    const text = invitationText({
      name: 'Dewi',
      login: 'dewi@contoh.go.id',
      oneTimePassword: 'k7mq-3xha-pw9e',
      origin: 'https://rintis.contoh.go.id',
      kind: 'new',
    });
    expect(text).toContain('Halo Dewi, akun Rintis Anda sudah dibuat.');
    expect(text).toContain('Masuk di: https://rintis.contoh.go.id/masuk');
    expect(text).toContain('Email/nomor HP: dewi@contoh.go.id');
    expect(text).toContain('Kata sandi sementara: k7mq-3xha-pw9e');
    expect(text).toContain('membuat kata sandi baru');
    expect(
      invitationText({ name: 'Dewi', login: 'x', oneTimePassword: 'y', origin: 'o', kind: 'reset' }),
    ).toContain('sudah diatur ulang');
  });
});
