/**
 * State of the review panel on one draft: the moves the person may make in the tenant's review flow, the dialog a
 * move opens first (what to revise for "Minta revisi", what changed for "Ajukan ulang", the competition and date
 * for "terkirim", a confirmation for moves that are hard to take back), the last move's outcome. Moves go through `moveDraft` (one local transaction, synced later).
 * Components only render this.
 */
import type { LocalStore } from '../db/types';
import type { ReviewFlow, SentDetails } from '../../shared/records';
import {
  REVIEW_FLOW_OFF,
  allowedTransitions,
  asksWhatChanged,
  needsConfirmation,
  needsRevisionNote,
  needsSentDetails,
  type ReviewRole,
  type ReviewStatus,
} from '../../shared/domain/review';
import { getProposalTemplate } from '../../shared/templates';
import {
  CHANGE_NOTE_REQUIRED,
  REVISION_NOTE_REQUIRED,
  discardRefusedMove,
  moveDraft,
  type ReviewActor,
  type RevisionNote,
} from './actions';

export type PanelMessage =
  /** `noteOn`: the section a revision note was written on. */
  | { kind: 'moved'; status: ReviewStatus; noteOn?: { id: string; en: string } }
  | { kind: 'failed'; error: string };

/** The dialog a move opens before it is made (null: none open). */
export type MoveDialog =
  | { kind: 'revision'; from: ReviewStatus }
  | { kind: 'resubmit'; from: ReviewStatus }
  | { kind: 'sent'; from: ReviewStatus }
  | { kind: 'confirm'; from: ReviewStatus; to: ReviewStatus };

/** A section a revision note may be about: its key and its name in both languages. */
export interface NoteSection {
  key: string;
  label: { id: string; en: string };
}

export class ReviewPanelState {
  readonly #store: LocalStore;
  readonly #draftId: string;
  readonly #actor: () => ReviewActor;
  readonly #beforeMove: () => Promise<void>;
  readonly #flow: () => ReviewFlow;

  #dialog = $state<MoveDialog | null>(null);
  #noteText = $state('');
  #noteSection = $state('');
  #noteSections = $state<NoteSection[]>([]);
  #noteError = $state<string | null>(null);
  #changeNote = $state('');
  #changeNoteError = $state<string | null>(null);
  #competition = $state('');
  #date = $state('');
  #busy = $state(false);
  #message = $state<PanelMessage | null>(null);

  constructor(opts: {
    store: LocalStore;
    draftId: string;
    actor: () => ReviewActor;
    /** Saves what the screen still holds (the editor's debounce), so the snapshot has every word typed. */
    beforeMove?: () => Promise<void>;
    /** Runs a sync after a refused move is dropped (so the server's status comes back at once when online). */
    afterDiscard?: () => Promise<void>;
    today?: () => string;
    /** The tenant's review flow in force on this phone (the optional states off when not given). */
    flow?: () => ReviewFlow;
  }) {
    this.#store = opts.store;
    this.#draftId = opts.draftId;
    this.#actor = opts.actor;
    this.#beforeMove = opts.beforeMove ?? (() => Promise.resolve());
    this.#today = opts.today ?? todayLocal;
    this.#afterDiscard = opts.afterDiscard ?? (() => Promise.resolve());
    this.#flow = opts.flow ?? (() => REVIEW_FLOW_OFF);
  }
  readonly #today: () => string;
  readonly #afterDiscard: () => Promise<void>;

  get role(): ReviewRole {
    return this.#actor().role;
  }
  /** The dialog open now, if any. */
  get dialog(): MoveDialog | null {
    return this.#dialog;
  }
  get noteText(): string {
    return this.#noteText;
  }
  set noteText(v: string) {
    this.#noteText = v;
    if (v.trim()) this.#noteError = null;
  }
  get noteSection(): string {
    return this.#noteSection;
  }
  set noteSection(v: string) {
    this.#noteSection = v;
  }
  /** The sections of the draft's template (and any stored ones it does not list), for "which section". */
  get noteSections(): NoteSection[] {
    return this.#noteSections;
  }
  /** Why the revision note cannot be sent yet ("id / en"), or null. */
  get noteError(): string | null {
    return this.#noteError;
  }
  /** What the author changed, asked with "Ajukan ulang" after a revision. */
  get changeNote(): string {
    return this.#changeNote;
  }
  set changeNote(v: string) {
    this.#changeNote = v;
    if (v.trim()) this.#changeNoteError = null;
  }
  /** Why the resubmission cannot be sent yet ("id / en"), or null. */
  get changeNoteError(): string | null {
    return this.#changeNoteError;
  }
  get competition(): string {
    return this.#competition;
  }
  set competition(v: string) {
    this.#competition = v;
  }
  get date(): string {
    return this.#date;
  }
  set date(v: string) {
    this.#date = v;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get message(): PanelMessage | null {
    return this.#message;
  }

  moves(from: ReviewStatus): ReviewStatus[] {
    return allowedTransitions(this.role, from, this.#flow());
  }

  /**
   * A move's button: opens the dialog the move needs ("Minta revisi" asks what to revise, "terkirim" the
   * competition and the date, a move hard to take back a confirmation), or moves at once.
   */
  async choose(from: ReviewStatus, to: ReviewStatus): Promise<void> {
    this.#message = null;
    if (needsRevisionNote(to)) {
      this.#noteError = null;
      this.#noteSections = await this.#sectionsOfDraft();
      if (!this.#noteSections.some((s) => s.key === this.#noteSection))
        this.#noteSection = this.#noteSections[0]?.key ?? '';
      this.#dialog = { kind: 'revision', from };
      return;
    }
    if (asksWhatChanged(from, to)) {
      this.#changeNoteError = null;
      this.#dialog = { kind: 'resubmit', from };
      return;
    }
    if (needsSentDetails(to)) {
      if (!this.#date) this.#date = this.#today();
      this.#dialog = { kind: 'sent', from };
      return;
    }
    if (needsConfirmation(this.role, from, to, this.#flow())) {
      this.#dialog = { kind: 'confirm', from, to };
      return;
    }
    await this.#move(to);
  }

  /** "Batal", Escape: closes the dialog; nothing moves, and what was typed stays for the next try. */
  cancel(): void {
    this.#dialog = null;
  }

  /** The confirmation dialog's main button. */
  async confirm(): Promise<void> {
    const open = this.#dialog;
    if (open?.kind !== 'confirm') return;
    await this.#move(open.to);
  }

  /** "Minta revisi" in the dialog: the words are required; they become a comment with the move. */
  async submitRevision(): Promise<void> {
    if (this.#dialog?.kind !== 'revision') return;
    if (!this.#noteText.trim() || !this.#noteSection) {
      this.#noteError = REVISION_NOTE_REQUIRED;
      return;
    }
    const note: RevisionNote = { sectionKey: this.#noteSection, text: this.#noteText };
    await this.#move('revisi', { note });
    if (this.#message?.kind !== 'moved') return;
    this.#noteText = '';
    const section = this.#noteSections.find((s) => s.key === note.sectionKey);
    if (section) this.#message = { ...this.#message, noteOn: section.label };
  }

  /** "Ajukan ulang" in the dialog: what changed is required; it goes on the submission's snapshot. */
  async submitResubmission(): Promise<void> {
    if (this.#dialog?.kind !== 'resubmit') return;
    if (!this.#changeNote.trim()) {
      this.#changeNoteError = CHANGE_NOTE_REQUIRED;
      return;
    }
    await this.#move('diajukan', { changeNote: this.#changeNote });
    if (this.#message?.kind === 'moved') this.#changeNote = '';
  }

  async submitSent(): Promise<void> {
    const sent: SentDetails = { competition: this.#competition.trim(), date: this.#date };
    await this.#move('terkirim', { sent });
  }

  async #sectionsOfDraft(): Promise<NoteSection[]> {
    const draft = await this.#store.get('draft', this.#draftId);
    if (!draft) return [];
    const template = getProposalTemplate(draft.templateKey, draft.templateVersion);
    const listed: NoteSection[] = (template?.sections ?? []).map((s) => ({ key: s.key, label: s.label }));
    // Sections stored but not in the template are kept on the draft screen, so they may be commented on too.
    const extra = Object.keys(draft.sections)
      .filter((k) => !listed.some((s) => s.key === k))
      .map((k) => ({ key: k, label: { id: k, en: k } }));
    return [...listed, ...extra];
  }

  /** "Buang perubahan ini": drops a refused move; the server's status returns with the next sync. */
  async discard(seq: number, draftRev: number): Promise<void> {
    try {
      await discardRefusedMove(this.#store, seq, draftRev);
      this.#message = null;
      await this.#afterDiscard();
    } catch (err) {
      this.#message = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  async #move(
    to: ReviewStatus,
    extra: { sent?: SentDetails; note?: RevisionNote; changeNote?: string } = {},
  ): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await this.#beforeMove();
      await moveDraft(this.#store, this.#draftId, to, this.#actor(), { ...extra, flow: this.#flow() });
      this.#message = { kind: 'moved', status: to };
      this.#dialog = null;
    } catch (err) {
      this.#message = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    } finally {
      this.#busy = false;
    }
  }
}

function todayLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
