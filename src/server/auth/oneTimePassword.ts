/**
 * One-time passwords a coordinator hands over (new account, reset): read aloud or typed from a chat message on
 * a phone keyboard, so lower-case letters and digits only, without the look-alikes 0/o, 1/l/i, in groups of
 * four: "k7mq-3xha-pw9e" (12 characters from 31: about 59 bits, and the holder must change it at first sign-in).
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
