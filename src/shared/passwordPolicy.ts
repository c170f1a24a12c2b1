/**
 * The rule for a new password, the same on the phone and on the server: at least 10 characters, not one of the
 * most common passwords, not the current one. The common-password list is data handed in by the caller (the
 * server loads it at start, the phone in a lazily loaded chunk), so this module stays pure and small.
 */

import { MAX_PASSWORD_LENGTH, MIN_NEW_PASSWORD_LENGTH } from './passwordLength';

export { MAX_PASSWORD_LENGTH, MIN_NEW_PASSWORD_LENGTH };

export type NewPasswordProblem = 'too-short' | 'too-long' | 'too-common' | 'unchanged';

/** Bilingual messages, used as they are by the server's 400 answers and by the phone's form. */
export const NEW_PASSWORD_MESSAGES: Record<NewPasswordProblem, { id: string; en: string }> = {
  'too-short': {
    id: `Kata sandi baru minimal ${MIN_NEW_PASSWORD_LENGTH} karakter`,
    en: `The new password needs at least ${MIN_NEW_PASSWORD_LENGTH} characters`,
  },
  'too-long': { id: 'Kata sandi terlalu panjang', en: 'The password is too long' },
  'too-common': {
    id: 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya beberapa kata acak.',
    en: 'This password is too common and easy to guess. Choose another, for example a few random words.',
  },
  unchanged: {
    id: 'Kata sandi baru harus berbeda dari yang sekarang',
    en: 'The new password must differ from the current one',
  },
};

/**
 * Common in Indonesia or obvious for this app, and missing from the (mostly English) shared list: refused too,
 * as the guidance on context-specific words (NIST SP 800-63B 5.1.1.2) asks.
 */
export const LOCAL_COMMON_PASSWORDS: readonly string[] = [
  'bismillah',
  'alhamdulillah',
  'allahuakbar',
  'assalamualaikum',
  'sayang',
  'sayangku',
  'cintaku',
  'anakku',
  'rahasia',
  'katasandi',
  'sandi',
  'indonesia',
  'merdeka',
  'pancasila',
  'garuda',
  'jakarta',
  'bandung',
  'surabaya',
  'makassar',
  'rintis',
  'inovasi',
  'pelayanan',
  'puskesmas',
  'kecamatan',
  'kabupaten',
  'pemda',
  'koordinator',
  'fasilitator',
  'inovator',
  'admin',
  'administrator',
  'qwertyuiop',
];

const NO_LIST: ReadonlySet<string> = new Set();

const normalize = (password: string) => password.normalize('NFKC').toLowerCase();

/**
 * The forms of a password looked up in the list: as typed (case ignored), and without the digits and symbols
 * people add around a common word ("Password2024!", "123bismillah").
 */
export function commonPasswordCandidates(password: string): string[] {
  const whole = normalize(password);
  const core = whole.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  return core && core !== whole ? [whole, core] : [whole];
}

export function isCommonPassword(password: string, common: ReadonlySet<string>): boolean {
  const candidates = commonPasswordCandidates(password);
  if (candidates.some((c) => common.has(c) || LOCAL_COMMON_PASSWORDS.includes(c))) return true;
  // One character over and over ("aaaaaaaaaa", "1111111111"), or only digits: guessed at once.
  const whole = candidates[0]!;
  return /^(.)\1*$/u.test(whole) || /^\d+$/.test(whole);
}

export interface NewPasswordContext {
  /** The common-password list, or null when it is not loaded (the phone offline): the server checks anyway. */
  common: ReadonlySet<string> | null;
  /** The current password when known (the change form): the new one must differ. */
  current?: string | undefined;
}

/** The first problem with `password` as a new password, or null when it may be used. */
export function newPasswordProblem(password: string, context: NewPasswordContext): NewPasswordProblem | null {
  if ([...password].length < MIN_NEW_PASSWORD_LENGTH) return 'too-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (context.current !== undefined && context.current === password) return 'unchanged';
  // Without the list the local words and patterns are still checked; the server holds the whole list.
  if (isCommonPassword(password, context.common ?? NO_LIST)) return 'too-common';
  return null;
}
