/**
 * Password hashing in tests: the app config and the accounts the tests create use scrypt at N=2^10 (1 MiB, a few
 * ms a hash) instead of production's 2^17 (128 MiB, most of a second), so the suites stay fast. Only code that
 * builds `AppConfig` can go that low: from the environment, PASSWORD_HASH_COST under 17 stops the server
 * (src/server/config.ts), and the production default is checked in tests/server/config.test.ts.
 */
import { PasswordHasher } from '../../../src/server/auth/password';

export const TEST_PASSWORD_HASH_COST = 10;

export const testPasswords = new PasswordHasher(TEST_PASSWORD_HASH_COST);

/** `createUser`'s `passwordHash` for `password`, at the test cost. */
export function testPasswordHash(password: string): Promise<string> {
  return testPasswords.hash(password);
}
