/** Valid records and bodies for tests, on the shipped templates (see bodies.ts and records.ts). */
export * from './bodies';
export * from './records';
