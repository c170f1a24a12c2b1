/**
 * Build-time (Node) Vite plugin: the code a group of screens loads together goes out as one chunk (issue #14).
 *
 * Rolldown's automatic splitting gives every distinct set of importers its own chunk: the home and record screens
 * each load 13-40 small chunks, and gzip compresses each alone, so the precache pays each file's own dictionary
 * and header (about 12 KB of 250 across the 60 smallest). Here the modules a named screen needs beyond the first
 * screen (its static closure minus the entry's) form one chunk per group, in order: a module goes to the first
 * group that needs it. Nothing moves into the first screen: modules the entry imports statically stay out.
 */
import type { Plugin } from 'vite';

export interface ScreenGroup {
  /** The chunk's name. */
  name: string;
  /** The screens (module ids matched) whose common closure the chunk holds: every one of them needs each module. */
  screens: readonly RegExp[];
}

/** The module graph a build saw: each module's static imports, and the app's entry. */
export interface ModuleGraph {
  entry: string | null;
  imports: ReadonlyMap<string, readonly string[]>;
}

function staticClosure(graph: ModuleGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.imports.get(id) ?? []) stack.push(next);
  }
  return seen;
}

/** Which group's chunk each captured module goes to (modules not in the map are split automatically). */
export function planScreenChunks(graph: ModuleGraph, groups: readonly ScreenGroup[]): Map<string, string> {
  const owner = new Map<string, string>();
  const initial = graph.entry ? staticClosure(graph, graph.entry) : new Set<string>();
  for (const group of groups) {
    const closures = group.screens.map((screen) => {
      const id = [...graph.imports.keys()].find((m) => screen.test(m));
      if (!id) throw new Error(`screenChunks: no module matches ${screen} (group ${group.name})`);
      return staticClosure(graph, id);
    });
    for (const id of closures[0]!) {
      if (initial.has(id) || owner.has(id)) continue;
      if (closures.every((c) => c.has(id))) owner.set(id, group.name);
    }
  }
  return owner;
}

/**
 * The modules the entry imports statically (its closure, without the entry and its own imports): the first screen.
 * Left to the automatic split they become one chunk per set of importers (the Svelte runtime in two, the router,
 * the strings, the roles: 7 files of 1.3-12.6 KB), each a request before the first paint, which on a 2G link
 * over HTTP/1.1 waits for a free connection and a round trip.
 */
export function firstScreenModules(graph: ModuleGraph): Set<string> {
  if (!graph.entry) return new Set();
  const initial = staticClosure(graph, graph.entry);
  // The entry and what it imports itself stay in the entry chunk: for an HTML entry (Vite's proxy module of
  // index.html) that is src/main.ts, and index.html's <script> must keep pointing at the chunk that runs it.
  initial.delete(graph.entry);
  for (const id of graph.imports.get(graph.entry) ?? []) initial.delete(id);
  return initial;
}

/**
 * `groups` as one chunk each; with `firstScreen`, the first screen's modules (`firstScreenModules`) too, in a
 * chunk of that name (a group of higher priority elsewhere in the config still takes its own modules from it).
 */
export function screenChunks(groups: readonly ScreenGroup[], firstScreen?: string) {
  const graph: { entry: string | null; imports: Map<string, readonly string[]> } = {
    entry: null,
    imports: new Map(),
  };
  let owner: Map<string, string> | null = null;
  let initial: Set<string> | null = null;
  const plugin: Plugin = {
    name: 'rintis:screen-chunks',
    apply: 'build',
    buildStart() {
      graph.entry = null;
      graph.imports.clear();
      owner = null;
      initial = null;
    },
    moduleParsed(info) {
      graph.imports.set(info.id, info.importedIds);
      if (info.isEntry) graph.entry = info.id;
    },
  };
  // Without recursive dependencies: a captured module's imports stay where they are (the first screen's in the
  // entry), so a group never pulls first-screen code out of the entry's chunks.
  const codeSplittingGroups = groups.map((group) => ({
    name: group.name,
    test: (id: string) => (owner ??= planScreenChunks(graph, groups)).get(id) === group.name,
    includeDependenciesRecursively: false,
  }));
  if (firstScreen)
    codeSplittingGroups.unshift({
      name: firstScreen,
      test: (id: string) => (initial ??= firstScreenModules(graph)).has(id),
      includeDependenciesRecursively: false,
    });
  return { plugin, codeSplittingGroups };
}
