import { describe, expect, it } from 'vitest';
import { checkedTemplates, checkedTemplatesModule } from '../../../src/lib/pwa/checkedTemplates';
import { bundledTemplates } from '../../../src/shared/templates/bundled';
import { latestProposalTemplate } from '../../../src/shared/templates';

/** Evaluates an ES module's source the way the browser would, and returns its exports. */
async function evaluate(source: string): Promise<Record<string, unknown>> {
  return (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as Record<
    string,
    unknown
  >;
}

describe('checkedTemplates (the shipped templates checked at build time)', () => {
  it('gives the browser exactly what the shared schemas make of the files', async () => {
    const mod = await evaluate(checkedTemplatesModule(bundledTemplates));
    expect(mod.bundledTemplates).toStrictEqual(bundledTemplates);
    // The output is the checked one, not the raw file: transformed names and defaults are there.
    const kipp = (mod.bundledTemplates as typeof bundledTemplates).proposalFile.templates.find(
      (t) => t.key === 'kipp-2023-umum',
    );
    expect(kipp).toStrictEqual(latestProposalTemplate('kipp-2023-umum'));
    expect(kipp?.sections[0]).toHaveProperty('maxWords');
  });

  it('refuses data that JSON would change, instead of shipping something else', () => {
    const changed = structuredClone(bundledTemplates);
    (changed.proposalFile.templates[0] as { eligibility: unknown }).eligibility = undefined;
    expect(() => checkedTemplatesModule(changed)).toThrow(/do not survive JSON/);
  });

  it('replaces only the bundled-templates module, and only in a build', () => {
    const plugin = checkedTemplates();
    expect(plugin.apply).toBe('build');
    const load = plugin.load as (id: string) => string | null;
    expect(load('/repo/src/shared/templates/bundled.ts')).toContain(
      'export const bundledTemplates = JSON.parse(',
    );
    expect(load('/repo/src/shared/templates/index.ts')).toBeNull();
    expect(load('/repo/src/shared/templates/proposal-templates.json')).toBeNull();
  });
});
