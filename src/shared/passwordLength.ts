/**
 * How long a new password must and may be: apart from the rest of the rule (passwordPolicy.ts) so the account
 * schemas, which every screen's chunk loads, do not carry the rule's word list and messages.
 */
export const MIN_NEW_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
