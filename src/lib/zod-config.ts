/**
 * Imported first by the app entry: zod 4 probes for `eval` (new Function) to compile fast parsers, which the
 * strict Content-Security-Policy forbids and reports as a violation. Jitless parsing avoids the probe.
 */
import { z } from 'zod';

z.config({ jitless: true });
