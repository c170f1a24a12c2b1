/**
 * The advisory locks that order writes to synced records, across every server process on one PostgreSQL. Each
 * has its own key space (files/repository.ts holds another): sharing one made a device's push wait on an
 * unrelated lock. A push takes them in this order, each held until the commit: its device's lock, the units lock
 * (shared, when it names units), its rows (`FOR UPDATE`, in id order), and last its tenant's writers' lock (see
 * push.ts). Every one of them is per tenant or finer: nothing global is left in the write path.
 */

/**
 * Key space (first key of two, the second the tenant) of the writers' lock: it serializes drawing a tenant's
 * versions until the commit (see versions.ts). (Until migration 014 it was one global lock, the single key
 * 74_510_001, with one global version sequence: every tenant's pushes waited for each other.)
 */
export const WRITERS_LOCK = 74_510_001;
/** Key space (first key of two) of the per-device advisory lock: a device's pushes run one at a time. */
export const DEVICE_LOCK = 74_510_002;
/**
 * Key space (first key of two, the second the tenant) of the units lock: a unit merge holds it exclusively for
 * its whole transaction; a push that names units (a unit field in its values) holds it shared while it maps
 * merged units and writes. So a push either commits before the merge reads which records name the merged unit,
 * or it sees `mergedInto` and writes the kept unit: no record can land in a merged unit. Taken before any row
 * lock, so it never waits crosswise with them. (It once shared 74_510_003 with files' QUOTA_LOCK, so a unit
 * merge held up every upload of its tenant.)
 */
export const UNITS_LOCK = 74_510_004;
