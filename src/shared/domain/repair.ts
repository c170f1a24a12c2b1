/**
 * Repair of a stored record that failed validation: fills fields that are MISSING with defaults (an older app
 * version may not have written them). A field that is present but invalid is left as it is, so repair never
 * replaces a person's words; such a record stays set aside. Pure: no browser or Node imports.
 */
import { BODY_SCHEMAS, type RecordKind } from '../records';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, latestProposalTemplate } from '../templates';
import { newSessionBody } from './factories';

export interface RepairDefaults {
  id: string;
  tenantId: string;
  actor: string;
  now: number;
}

function defaultBody(kind: RecordKind, raw: Record<string, unknown>): Record<string, unknown> {
  switch (kind) {
    case 'unit':
      return { name: 'Tanpa nama / Unnamed', type: 'lainnya', demo: false };
    case 'person':
      return { name: 'Tanpa nama / Unnamed', role: null, unitIds: [], demo: false };
    case 'session':
      return newSessionBody(new Date(0));
    case 'draft': {
      const key = typeof raw.templateKey === 'string' ? raw.templateKey : DEFAULT_PROPOSAL_TEMPLATE_KEY;
      return {
        title: '',
        unitId: null,
        team: '',
        stage: 'inisiatif',
        reviewStatus: 'draft',
        templateKey: key,
        templateVersion: latestProposalTemplate(key)?.version ?? 1,
        sections: {},
        metadata: {},
      };
    }
    case 'checklist':
      // draftId and templateKey cannot be guessed: without them the checklist stays set aside.
      return { unitId: null, items: {} };
    case 'conflict':
      return {
        base: null,
        winner: null,
        loser: null,
        winnerBy: '',
        loserBy: '',
        recordDeleted: false,
        resolved: false,
      };
    case 'comment':
      // What it is on and its words cannot be guessed: without them the comment stays set aside.
      return { unitId: null, parentId: null, authorName: '', authorRole: null, resolutions: {} };
    case 'submission':
      // A snapshot without its draft cannot be guessed: it stays set aside.
      return { unitId: null, sections: {} };
    case 'attachment':
      // The hash, the parent and the sizes cannot be guessed: without them the attachment stays set aside.
      return { slot: '', width: null, height: null, thumbnail: '', unitId: null };
    case 'template':
      // The template JSON cannot be guessed: without it the template stays set aside (the server has it).
      return { replaces: null };
    case 'programme':
      // Settings that do not validate are set aside: the phone falls back to the shipped ones (the server has it).
      return {};
  }
}

/** Returns the raw value with missing fields filled, or null when it is not an object at all. */
export function repairRecord(
  kind: RecordKind,
  raw: unknown,
  d: RepairDefaults,
): Record<string, unknown> | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const envelope: Record<string, unknown> = {
    id: d.id,
    kind,
    tenantId: d.tenantId,
    createdAt: d.now,
    updatedAt: d.now,
    createdBy: d.actor,
    updatedBy: d.actor,
    deleted: false,
    rev: 0,
    fieldVersions: {},
  };
  const body = defaultBody(kind, r);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...envelope, ...body })) out[k] = r[k] === undefined ? v : r[k];
  for (const k of Object.keys(BODY_SCHEMAS[kind].shape)) if (!(k in out) && r[k] !== undefined) out[k] = r[k];
  return out;
}
