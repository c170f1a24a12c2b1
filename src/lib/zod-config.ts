/**
 * Imported first by the app entry: zod 4 probes for `eval` (new Function) to compile fast parsers, which the
 * strict Content-Security-Policy forbids and reports as a violation. Jitless parsing avoids the probe.
 *
 * Set on the object zod takes its global config from when it loads (`globalThis.__zod_globalConfig`), not with
 * `z.config()`: a module that parses at load time (the templates registry) may sit in a chunk that is evaluated
 * before the entry's own code, so the setting must exist before zod does. This module imports only zod's messages
 * (no zod) and is a chunk of its own with them (vite.config.ts), so the entry's first import evaluates it before
 * any chunk holding zod. The messages replace zod's English locale, which the phone's bundle leaves out.
 */
import { installZodMessages } from '../shared/zod-messages';

const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
installZodMessages();
