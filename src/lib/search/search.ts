/**
 * One search over coaching sessions, drafts and comments, on the phone (offline). Each kind goes through the
 * store's word index (`list(kind, { text, limit })`), in parallel, and stops at a page: thousands of records
 * stay fast. A comment hit leads to its draft and section (`#komentar-<section>` opens that section's comments).
 */
import type { RecordStore } from '../db/types';
import type { Comment, Draft, Session } from '../../shared/records';
import { snippet } from '../../shared/domain/search-hits';
import { getProposalTemplate } from '../../shared/templates';
import { commentsAnchor, paths } from '../router/routes';

export interface SearchHit {
  kind: 'session' | 'draft' | 'comment';
  id: string;
  href: string;
  /** Session: its date and time and place; draft: its title; comment: the title of its draft. */
  title: string;
  /** The words around the match. */
  excerpt: string;
  /** Comment hits: the section they are on (its label in both languages when the template has it), and who wrote them. */
  sectionKey?: string;
  sectionLabel?: { id: string; en: string };
  author?: string;
  /** Session: `startsAt` (local, as typed); draft and comment: last edit (ms). */
  when: string | number;
}

export interface SearchResults {
  sessions: SearchHit[];
  drafts: SearchHit[];
  comments: SearchHit[];
  /** Per kind, whether there are more hits than returned. */
  more: { sessions: boolean; drafts: boolean; comments: boolean };
}

export const commentHref = (draftId: string, sectionKey: string) =>
  `${paths.draft(draftId)}#${commentsAnchor(sectionKey)}`;

const sessionHit = (s: Session, query: string): SearchHit => ({
  kind: 'session',
  id: s.id,
  href: paths.session(s.id),
  title: [s.startsAt.replace('T', ' '), s.place].filter(Boolean).join(' · '),
  excerpt: snippet([s.topics, s.notes, s.agreements, s.place, s.facilitatorName], query),
  when: s.startsAt,
});

const draftHit = (d: Draft, query: string): SearchHit => ({
  kind: 'draft',
  id: d.id,
  href: paths.draft(d.id),
  title: d.title,
  excerpt: snippet([d.title, ...Object.values(d.sections), d.team], query),
  when: d.updatedAt,
});

function commentHit(c: Comment, draft: Draft, query: string): SearchHit {
  const section = getProposalTemplate(draft.templateKey, draft.templateVersion)?.sections.find(
    (s) => s.key === c.sectionKey,
  );
  return {
    kind: 'comment',
    id: c.id,
    href: commentHref(c.recordId, c.sectionKey),
    title: draft.title,
    excerpt: snippet([c.text], query),
    sectionKey: c.sectionKey,
    ...(section ? { sectionLabel: section.label } : {}),
    author: c.authorName,
    when: c.updatedAt,
  };
}

/** Searches the three kinds; `limit` hits at most per kind. An empty query finds nothing. */
/** Hits per kind on the first page of the search screen (about what a phone shows before scrolling). */
export const SEARCH_PAGE = 10;

export async function searchEverything(
  store: RecordStore,
  query: string,
  limit = SEARCH_PAGE,
): Promise<SearchResults> {
  const text = query.trim();
  if (!text) {
    return {
      sessions: [],
      drafts: [],
      comments: [],
      more: { sessions: false, drafts: false, comments: false },
    };
  }
  const page = { text, limit: limit + 1 };
  const [sessions, drafts, comments] = await Promise.all([
    store.list('session', page),
    store.list('draft', page),
    store.list('comment', page),
  ]);
  // Comments name their draft; drafts already found are not read twice, and a comment whose draft is gone
  // (deleted, or not on this phone) is left out: its link would lead nowhere.
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const missing = [...new Set(comments.map((c) => c.recordId))].filter((id) => !byId.has(id));
  // One read for all of them; deleted drafts are left out by the store.
  const parents = missing.length > 0 ? await store.list('draft', { ids: missing }) : [];
  for (const d of parents) byId.set(d.id, d);
  const commentHits = comments.flatMap((c) => {
    const draft = byId.get(c.recordId);
    return draft ? [commentHit(c, draft, text)] : [];
  });
  return {
    sessions: sessions.slice(0, limit).map((s) => sessionHit(s, text)),
    drafts: drafts.slice(0, limit).map((d) => draftHit(d, text)),
    comments: commentHits.slice(0, limit),
    more: {
      sessions: sessions.length > limit,
      drafts: drafts.length > limit,
      comments: comments.length > limit,
    },
  };
}
