/**
 * The one per-field decision (src/shared/fieldDecision.ts) that the server's push and the phone's live rebase
 * share: examples of each question in its order, and properties that need no database.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideField, rebaseField, writesAsSent } from '../../../src/shared/fieldDecision';

const noHistory = {
  othersWroteSince: () => {
    throw new Error('history read although the base was current');
  },
  mergeBase: () => {
    throw new Error('merge base read although the base was current');
  },
};
const history = (othersWrote: boolean, base: unknown) => ({
  othersWroteSince: () => Promise.resolve(othersWrote),
  mergeBase: () => Promise.resolve(base),
});
const edit = (over: Partial<Parameters<typeof decideField>[0]>) => ({
  current: 'a',
  currentVersion: 5,
  incoming: 'b',
  baseVersion: 5,
  meetsDelete: false,
  ...over,
});

describe('decideField', () => {
  it('keeps a value that is already there, without reading the history', async () => {
    expect(await decideField(edit({ incoming: 'a', currentVersion: 9 }), noHistory)).toEqual({
      action: 'keep',
    });
  });

  it('writes an edit made on the current version as sent', async () => {
    expect(await decideField(edit({}), noHistory)).toEqual({ action: 'write', value: 'b' });
  });

  it('writes a continuation of this device’s own later writes as sent', async () => {
    const d = await decideField(edit({ currentVersion: 7 }), history(false, 'x'));
    expect(d).toEqual({ action: 'write', value: 'b' });
  });

  it('merges with the value the edit was typed on when someone else wrote since', async () => {
    const d = await decideField(
      edit({
        current: 'Paragraf satu diubah.\n\nParagraf dua.',
        currentVersion: 8,
        incoming: 'Paragraf satu.\n\nParagraf dua.\n\nParagraf tiga.',
        baseVersion: 5,
      }),
      history(true, 'Paragraf satu.\n\nParagraf dua.'),
    );
    expect(d).toEqual({
      action: 'write',
      value: 'Paragraf satu diubah.\n\nParagraf dua.\n\nParagraf tiga.',
      submitted: 'Paragraf satu.\n\nParagraf dua.\n\nParagraf tiga.',
    });
  });

  it('keeps the value there and reports both when the same words changed', async () => {
    const d = await decideField(
      edit({ current: 'target 12 desa', incoming: 'target 15 desa', currentVersion: 8 }),
      history(true, 'target 10 desa'),
    );
    expect(d).toEqual({
      action: 'conflict',
      base: 'target 10 desa',
      winner: 'target 12 desa',
      loser: 'target 15 desa',
    });
  });

  it('turns an edit of a deleted record into a conflict, even on a current base', async () => {
    const d = await decideField(edit({ meetsDelete: true }), history(false, 'a'));
    expect(d).toEqual({ action: 'conflict', base: 'a', winner: 'a', loser: 'b' });
  });
});

describe('rebaseField (the phone’s live rebase)', () => {
  it('merges another person’s paragraph into the text on screen', () => {
    const base = 'Sumber daya:\nTiga perawat.\nSatu motor.';
    const theirs = 'Sumber daya:\nEmpat perawat.\nSatu motor.';
    const onScreen = 'Sumber daya:\nTiga perawat.\nSatu motor.\nDana desa untuk bensin.';
    expect(rebaseField(base, theirs, onScreen)).toEqual({
      action: 'write',
      value: 'Sumber daya:\nEmpat perawat.\nSatu motor.\nDana desa untuk bensin.',
      submitted: onScreen,
    });
  });

  it('keeps the text on screen when both changed the same sentence', () => {
    expect(rebaseField('Satu motor.', 'Dua motor.', 'Tiga motor.').action).toBe('conflict');
  });

  it('says keep when the arriving value already holds everything typed', () => {
    expect(rebaseField('a', 'a b', 'a b')).toEqual({ action: 'keep' });
  });
});

describe('properties', () => {
  const words = fc.array(fc.constantFrom('desa', 'warga', 'obat', 'motor', 'perawat', 'dana'), {
    minLength: 1,
    maxLength: 6,
  });
  // Numbered, as real paragraphs differ: diff3 cannot tell two identical lines apart, so an edit of one of two
  // equal paragraphs may align with the other (a conflict, never a loss; the second property covers it).
  const paragraphs = fc
    .array(
      words.map((w) => w.join(' ')),
      { minLength: 2, maxLength: 6 },
    )
    .map((ps) => ps.map((p, i) => `${i + 1}. ${p}`));

  it('edits of different paragraphs always merge, and the merge holds both', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), fc.nat(), (paras, i, j) => {
        const a = i % paras.length;
        const b = (a + 1 + (j % (paras.length - 1))) % paras.length;
        const base = paras.join('\n');
        const mine = paras.map((p, k) => (k === a ? `${p} MINE` : p)).join('\n');
        const theirs = paras.map((p, k) => (k === b ? `THEIRS ${p}` : p)).join('\n');
        const d = rebaseField(base, theirs, mine);
        expect(d.action).toBe('write');
        const value = (d as { value: string }).value;
        expect(value.split(/\s+/).filter((w) => w === 'MINE')).toHaveLength(1);
        expect(value.split(/\s+/).filter((w) => w === 'THEIRS')).toHaveLength(1);
      }),
    );
  });

  it('a decision never drops the edit: it is written, already there, or kept in a conflict', async () => {
    await fc.assert(
      fc.asyncProperty(
        paragraphs,
        paragraphs,
        paragraphs,
        fc.boolean(),
        fc.boolean(),
        async (b, c, i, stale, othersWrote) => {
          const e = edit({
            current: c.join('\n'),
            incoming: i.join('\n'),
            currentVersion: stale ? 9 : 5,
          });
          const d = await decideField(e, history(othersWrote, b.join('\n')));
          if (d.action === 'conflict') expect(d.loser).toBe(e.incoming);
          else if (d.action === 'keep') expect(writesAsSent(e, d) || stale).toBe(true);
          else if (writesAsSent(e, d)) expect(d.value).toBe(e.incoming);
        },
      ),
    );
  });
});
