/**
 * Tenant data on the server (issue #15): records a tenant's local admin keeps for the whole regency (proposal
 * templates, programme settings), one suite for every such kind on PGlite and on a real PostgreSQL. Shared by
 * all: seeded once for tenants made before and at creation for a new tenant; every role of the tenant pulls
 * them; only a local admin writes them (push refuses anyone else, in both languages). Each kind adds its own
 * tests after these, on the same database (`more`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import { createTenant } from '../../../src/server/accounts/service';
import { flattenBody } from '../../../src/shared/fieldPaths';
import type { Change } from '../../../src/shared/protocol';
import type { BodyOf, RecordOfKind } from '../../../src/shared/records';
import { seedUsers, syncApp, type SuiteDatabase, type SyncTestApp, type UserSpec } from '../sync/helpers';
import { Device, pullAll, push } from '../sync/fixtures';

export type TenantDataKindName = 'programme' | 'template';

/** The push's reach refusal of a record only a local admin writes (the phone's store names the local admin, access.ts). */
export const NOT_YOURS =
  'Anda tidak berhak mengubah catatan ini. / You are not allowed to change this record.';

/** What a kind's own tests reach: the suite's database, app and tenants once they are set up. */
export interface TenantDataContext<K extends TenantDataKindName> {
  readonly db: Database;
  readonly app: SyncTestApp;
  /** Tenant ids by name. */
  readonly tenants: Record<string, string>;
  /** The records of the kind that `token`'s person pulls. */
  recordsOf(token: string): Promise<RecordOfKind<K>[]>;
}

export interface TenantDataKind<K extends TenantDataKindName> {
  kind: K;
  /** The describe's words: "templates", "programme settings". */
  title: string;
  cast: Record<string, UserSpec>;
  /** Tokens of the cast: the tenant's local admin, an innovator, a facilitator, a viewer, another tenant's admin. */
  who: { admin: string; innovator: string; facilitator: string; viewer: string; otherTenant: string };
  /** Seeds every tenant that has none of the kind yet; answers how many tenants it seeded. */
  seedAll(db: Database): Promise<number>;
  /** How many records of the kind a tenant is seeded with. */
  seeded: number;
  /** What the local admin and another tenant's admin pull once seeded. */
  expectSeeded(ofAdmin: RecordOfKind<K>[], ofOtherTenant: RecordOfKind<K>[]): void;
  /** The bodies stored for a tenant created after the seeding. */
  expectCreated(bodies: Record<string, unknown>[]): void;
  /** A valid body of a new record of the kind. */
  newBody(): BodyOf<K>;
  /** An edit of a seeded record that only a local admin may make. */
  edit: Record<string, unknown>;
  /** The kind's own tests, after the shared ones, on the same database. */
  more(ctx: TenantDataContext<K>): void;
}

export function tenantDataSuite<K extends TenantDataKindName>(
  spec: TenantDataKind<K>,
  name: string,
  open: () => Promise<SuiteDatabase>,
): void {
  const { kind, who } = spec;
  describe(`${spec.title} on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let tenants: Record<string, string>;

    beforeAll(async () => {
      ({ db, done } = await open());
      // Tenants as they were before this kind was a record (none of it); the server seeds them at start.
      const seeded = await seedUsers(db, spec.cast);
      tenants = seeded.tenants;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const recordsOf = async (token: string) =>
      (await pullAll(app, token)).filter((r): r is RecordOfKind<K> => r.kind === kind);

    it(`seeds the shipped ${spec.title} once for tenants made before, and at creation for a new tenant`, async () => {
      expect(await recordsOf(who.admin)).toEqual([]);
      expect(await spec.seedAll(db)).toBe(Object.keys(tenants).length);
      expect(await spec.seedAll(db)).toBe(0);
      spec.expectSeeded(await recordsOf(who.admin), await recordsOf(who.otherTenant));

      const fresh = await createTenant(db, `Kabupaten Baru (${kind})`);
      const { rows } = await db.query<{ body: Record<string, unknown> }>(
        `SELECT body FROM sync_records WHERE tenant_id = $1 AND kind = $2`,
        [fresh.id, kind],
      );
      spec.expectCreated(rows.map((r) => r.body));
      expect(await spec.seedAll(db)).toBe(0);
    });

    it(`lets every role of the tenant pull the ${spec.title}`, async () => {
      for (const token of [who.innovator, who.facilitator, who.viewer]) {
        expect((await recordsOf(token)).length, token).toBe(spec.seeded);
      }
    });

    it('refuses a push by anyone but a local admin, in both languages', async () => {
      const seeded = (await pullAll(app, who.admin)).find((r) => r.kind === kind);
      for (const token of [who.innovator, who.facilitator]) {
        const device = new Device(`${kind}-${token}`, token);
        const [result] = (
          await push(app, token, [device.update(seeded!.id, spec.edit, seeded!.fieldVersions, kind)])
        ).results;
        expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
        expect(JSON.stringify(result)).toContain(NOT_YOURS);
      }
      const create: Change = {
        deviceId: `${kind}-${who.innovator}-create`,
        seq: 1,
        recordId: uuidv7(),
        kind,
        op: 'create',
        values: flattenBody(kind, spec.newBody()),
        base: {},
        editedAt: 1_700_000_000_000,
      };
      const [result] = (await push(app, who.innovator, [create])).results;
      expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect(JSON.stringify(result)).toContain(NOT_YOURS);
      expect((await recordsOf(who.admin)).length).toBe(spec.seeded);
    });

    spec.more({
      get db() {
        return db;
      },
      get app() {
        return app;
      },
      get tenants() {
        return tenants;
      },
      recordsOf,
    });
  });
}
