/**
 * Store benchmark page (built by bench/store.ts, driven in headless Chromium at 4x CPU throttling).
 * Seeds the real local store through the pull path (`applyRemote`, one transaction per page), then measures what
 * a person waits for: the session list's first render, a text search, and one autosave commit.
 */
// Parse with the same zod settings as the app (jitless, for the strict CSP), so the figures are the app's.
import '../../src/lib/zod-config';
import { flushSync, mount, unmount } from 'svelte';
import { uuidv7 } from 'uuidv7';
import SessionListScreen from '../../src/ui/sessions/SessionListScreen.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { latestProposalTemplate } from '../../src/shared/templates';
import { newDraftBody, newSessionBody } from '../../src/shared/domain';
import type { AnyRecord } from '../../src/shared/records';
import { matchPath } from '../../src/lib/router/routes';
import articles from '../fixtures/articles.txt?raw';
import { SEARCH_PAGE, searchEverything } from '../../src/lib/search/search';

// Realistic Indonesian text: windows of the news articles the project started from (natural word frequencies,
// a few hundred distinct words), not a tiny made-up vocabulary that would make every word match every record.
const WORDS = articles.split(/\s+/).filter((w) => w.length > 0);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function sentence(rand: () => number, n: number): string {
  const start = Math.floor(rand() * Math.max(1, WORDS.length - n));
  return WORDS.slice(start, start + n).join(' ');
}

function envelope(now: number) {
  return {
    id: uuidv7(),
    tenantId: 'bench',
    createdAt: now,
    updatedAt: now,
    createdBy: 'bench',
    updatedBy: 'bench',
    deleted: false,
    rev: 1,
    fieldVersions: {},
  };
}

async function open(userId: string): Promise<void> {
  await workspace.switchUser(userId, 'bench');
}

async function seed(userId: string, sessions: number, drafts: number): Promise<{ ms: number }> {
  const started = performance.now();
  await open(userId);
  const store = workspace.requireStore();
  const rand = rng(42);
  const template = latestProposalTemplate('kipp-2023-umum');
  if (!template) throw new Error('template missing');
  const units = Array.from({ length: 40 }, (_, i) => ({
    ...envelope(Date.now()),
    kind: 'unit' as const,
    name: `Unit ${i}`,
    type: 'puskesmas' as const,
    demo: false,
  }));
  await store.applyRemote(units);
  let batch: AnyRecord[] = [];
  const flush = async () => {
    await store.applyRemote(batch);
    batch = [];
  };
  for (let i = 0; i < sessions; i++) {
    const when = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 3 * 365 * 86_400_000));
    const body = newSessionBody(when);
    body.place = `Aula ${sentence(rand, 2)}`;
    body.unitIds = [units[Math.floor(rand() * units.length)]?.id ?? units[0]!.id];
    body.topics = sentence(rand, 8);
    body.notes = sentence(rand, 120);
    body.agreements = sentence(rand, 30);
    batch.push({ ...envelope(Date.now()), kind: 'session', ...body });
    if (batch.length === 1000) await flush();
  }
  for (let i = 0; i < drafts; i++) {
    const body = newDraftBody(template, units[i % units.length]?.id ?? null);
    body.title = `Inovasi ${sentence(rand, 4)}`;
    for (const key of Object.keys(body.sections)) body.sections[key] = sentence(rand, 150);
    const draft = { ...envelope(Date.now()), kind: 'draft' as const, ...body };
    batch.push(draft);
    // One comment thread per draft, on a section, as a facilitator leaves them (issue #5's search covers them).
    const sectionKey = Object.keys(body.sections)[i % Object.keys(body.sections).length] ?? 'ringkasan';
    batch.push({
      ...envelope(Date.now()),
      kind: 'comment',
      recordId: draft.id,
      recordKind: 'draft',
      unitId: body.unitId,
      sectionKey,
      text: sentence(rand, 30),
      parentId: null,
      authorId: 'bench',
      authorName: 'Fasilitator',
      authorRole: 'facilitator',
      resolutions: {},
    });
    if (batch.length >= 1000) await flush();
  }
  if (batch.length > 0) await flush();
  return { ms: performance.now() - started };
}

/** Mounts the real session list screen and waits until the first session card is on screen. */
async function listFirstRender(): Promise<number> {
  const target = document.getElementById('app')!;
  const started = performance.now();
  const screen = mount(SessionListScreen, { target, props: { route: matchPath('/sesi') } });
  flushSync();
  await new Promise<void>((resolve) => {
    const check = () => (target.querySelector('li.card a') ? resolve() : requestAnimationFrame(check));
    check();
  });
  // Include the paint of that first frame.
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const ms = performance.now() - started;
  await unmount(screen);
  return ms;
}

/** The list screen's first-page query alone, to tell store time from render time. */
async function firstPageQuery(): Promise<number> {
  const store = workspace.requireStore();
  const started = performance.now();
  await store.list('session', { limit: 26 });
  return performance.now() - started;
}

/** The query the list screen runs for a search (its first page: 25 shown + 1), timed on its own. */
async function textSearch(text: string): Promise<{ ms: number; hits: number }> {
  const store = workspace.requireStore();
  const started = performance.now();
  const hits = await store.list('session', { text, limit: 26 });
  return { ms: performance.now() - started, hits: hits.length };
}

/** The search screen's first query: sessions, drafts and comments (a page each + 1), timed on its own. */
async function searchAll(text: string): Promise<{ ms: number; hits: number }> {
  const store = workspace.requireStore();
  const started = performance.now();
  const r = await searchEverything(store, text, SEARCH_PAGE);
  return { ms: performance.now() - started, hits: r.sessions.length + r.drafts.length + r.comments.length };
}

/** One autosave commit = one `store.update` (record + outbox in one transaction), repeated. */
async function autosaveCommits(n: number): Promise<number[]> {
  const store = workspace.requireStore();
  const [draft] = await store.list('draft', { limit: 1 });
  if (!draft) throw new Error('no draft');
  const rand = rng(7);
  const times: number[] = [];
  let text = draft.sections['signifikansi'] ?? '';
  for (let i = 0; i < n; i++) {
    text += ` ${sentence(rand, 3)}`;
    const started = performance.now();
    await store.update('draft', draft.id, { sections: { ...draft.sections, signifikansi: text } });
    times.push(performance.now() - started);
  }
  return times;
}

Object.assign(window, {
  rintisBench: { open, seed, firstPageQuery, listFirstRender, textSearch, searchAll, autosaveCommits },
});
document.title = 'ready';
