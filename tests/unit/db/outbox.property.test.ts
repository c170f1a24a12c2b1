import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanup, freshStore } from './helpers';
import { newDraftBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import { applyPaths } from '../../../src/shared/fieldPaths';
import type { BodyOf } from '../../../src/shared/records';

afterEach(cleanup);

const template = latestProposalTemplate('kipp-2023-umum')!;
const sectionKeys = template.sections.map((s) => s.key);

type Step =
  | { t: 'title'; v: string }
  | { t: 'section'; k: string; v: string }
  | { t: 'drop'; k: string }
  | { t: 'remove' }
  | { t: 'restore' }
  | { t: 'send' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('title' as const), v: fc.string({ maxLength: 8 }) }),
  fc.record({
    t: fc.constant('section' as const),
    k: fc.constantFrom(...sectionKeys),
    v: fc.string({ maxLength: 8 }),
  }),
  fc.record({ t: fc.constant('drop' as const), k: fc.constantFrom(...sectionKeys) }),
  fc.constant({ t: 'remove' as const }),
  fc.constant({ t: 'restore' as const }),
  fc.constant({ t: 'send' as const }),
);

describe('outbox replays to the stored record (property)', () => {
  it('applying every entry in seq order to an empty record gives the stored state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const store = await freshStore();
        const created = await store.create('draft', newDraftBody(template, null));
        for (const s of steps) {
          const cur = (await store.get('draft', created.id))!;
          if (s.t === 'title') await store.update('draft', cur.id, { title: s.v });
          else if (s.t === 'section')
            await store.update('draft', cur.id, { sections: { ...cur.sections, [s.k]: s.v } });
          else if (s.t === 'drop') {
            const { [s.k]: _gone, ...rest } = cur.sections;
            await store.update('draft', cur.id, { sections: rest });
          } else if (s.t === 'remove') await store.remove('draft', cur.id);
          else if (s.t === 'restore') await store.restore('draft', cur.id);
          else await store.markSending((await store.outbox()).map((e) => e.seq));
        }
        const entries = await store.outbox();
        // Only the first entry is a create; no two entries of the record are both pending.
        expect(entries.filter((e) => e.op === 'create').map((e) => e.seq)).toEqual([entries[0]!.seq]);
        expect(entries.filter((e) => e.state === 'pending').length).toBeLessThanOrEqual(1);
        const pendingIdx = entries.findIndex((e) => e.state === 'pending');
        if (pendingIdx >= 0) expect(pendingIdx).toBe(entries.length - 1);
        // Replay what the server would receive.
        let body = { sections: {} } as unknown as BodyOf<'draft'>;
        let deleted = false;
        for (const e of entries) {
          const { deleted: del, ...values } = e.values;
          body = applyPaths('draft', body, values);
          if (typeof del === 'boolean') deleted = del;
        }
        const stored = (await store.get('draft', created.id))!;
        expect(body.title).toBe(stored.title);
        expect(body.sections).toEqual(stored.sections);
        expect(deleted).toBe(stored.deleted);
        await cleanup();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
