import { describe, expect, it } from 'vitest';
import { firstScreenModules, planScreenChunks, type ModuleGraph } from '../../../src/lib/pwa/screenChunks';

/** entry -> shell, router; home -> records, schemas, shell; draft -> records, editor, diff; session -> records, editor, people. */
const graph: ModuleGraph = {
  entry: '/src/main.ts',
  imports: new Map<string, readonly string[]>([
    ['/src/main.ts', ['/src/shell.ts', '/src/router.ts']],
    ['/src/shell.ts', []],
    ['/src/router.ts', ['/src/shell.ts']],
    ['/src/ForYouHome.svelte', ['/src/records.ts', '/src/shell.ts']],
    ['/src/records.ts', ['/src/schemas.ts']],
    ['/src/schemas.ts', []],
    ['/src/DraftScreen.svelte', ['/src/records.ts', '/src/editor.ts', '/src/diff.ts']],
    ['/src/SessionScreen.svelte', ['/src/records.ts', '/src/editor.ts', '/src/people.ts']],
    ['/src/editor.ts', ['/src/shell.ts']],
    ['/src/diff.ts', []],
    ['/src/people.ts', []],
  ]),
};

const groups = [
  { name: 'home', screens: [/ForYouHome\.svelte$/] },
  { name: 'record', screens: [/DraftScreen\.svelte$/, /SessionScreen\.svelte$/] },
];

describe('planScreenChunks', () => {
  it("puts a screen's closure beyond the first screen in its group, first group first", () => {
    const plan = planScreenChunks(graph, groups);
    expect(Object.fromEntries(plan)).toEqual({
      '/src/ForYouHome.svelte': 'home',
      '/src/records.ts': 'home',
      '/src/schemas.ts': 'home',
      '/src/editor.ts': 'record',
    });
  });

  it('never captures what the entry imports statically (the first screen stays as small as it was)', () => {
    const plan = planScreenChunks(graph, groups);
    for (const initial of ['/src/main.ts', '/src/shell.ts', '/src/router.ts'])
      expect(plan.has(initial)).toBe(false);
  });

  it('leaves what only one screen of a group needs to the automatic split', () => {
    const plan = planScreenChunks(graph, groups);
    for (const own of ['/src/DraftScreen.svelte', '/src/diff.ts', '/src/people.ts'])
      expect(plan.has(own)).toBe(false);
  });

  it('fails the build loudly when a named screen no longer exists', () => {
    expect(() => planScreenChunks(graph, [{ name: 'gone', screens: [/NoSuchScreen\.svelte$/] }])).toThrow(
      /no module matches/,
    );
  });

  it('gathers the first screen apart from the entry and what the entry imports itself', () => {
    // index.html's <script> keeps pointing at the entry chunk that runs main.ts; the rest of the first screen
    // (here shell.ts, imported by router.ts too) becomes one chunk instead of one per set of importers.
    const html: ModuleGraph = {
      entry: '/index.html',
      imports: new Map([['/index.html', ['/src/main.ts']], ...graph.imports]),
    };
    expect([...firstScreenModules(html)].sort()).toEqual(['/src/router.ts', '/src/shell.ts']);
    expect(firstScreenModules({ entry: null, imports: graph.imports }).size).toBe(0);
  });
});
