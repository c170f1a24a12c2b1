/** The test factories make records the shared schemas accept, on templates the app ships, and keep overrides. */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { BODY_SCHEMAS, RECORD_KINDS, anyRecordSchema, bodyOf } from '../../../src/shared/records';
import { getChecklistTemplate, getProposalTemplate } from '../../../src/shared/templates';
import {
  RECORD_FACTORIES,
  aChecklist,
  aDraft,
  aDraftBody,
  aFollowUp,
  aParticipant,
  aSession,
  aSubmissionBody,
  keyedByNewIds,
} from '../../factories';

describe('record factories', () => {
  it.each(RECORD_KINDS)('make a %s the shared record and body schemas accept', (kind) => {
    const record = RECORD_FACTORIES[kind]();
    expect(record.kind).toBe(kind);
    expect(anyRecordSchema.safeParse(record).error).toBeUndefined();
    expect(BODY_SCHEMAS[kind].safeParse(bodyOf(kind, record)).error).toBeUndefined();
  });

  it('give every record a new id', () => {
    expect(aDraft().id).not.toBe(aDraft().id);
  });

  it('build drafts and checklists on shipped templates, every section and item present', () => {
    const draft = aDraft();
    const template = getProposalTemplate(draft.templateKey, draft.templateVersion)!;
    expect(Object.keys(draft.sections)).toEqual(template.sections.map((s) => s.key));
    const checklist = aChecklist({ draftId: draft.id });
    const items = getChecklistTemplate(checklist.templateKey, checklist.templateVersion)!.items;
    expect(Object.keys(checklist.items)).toEqual(items.map((i) => i.key));
  });

  it('put envelope overrides on the envelope and merge sections and items into the template', () => {
    const unitId = uuidv7();
    const draft = aDraft({ unitId, rev: 3, updatedBy: 'other', sections: { ringkasan: 'Antar obat.' } });
    expect(draft).toMatchObject({ unitId, rev: 3, updatedBy: 'other', createdBy: 'me', tenantId: 't1' });
    expect(draft.sections.ringkasan).toBe('Antar obat.');
    expect(draft.sections.kebaruan).toBe('');
    const checklist = aChecklist({ items: { keterbukaan: { status: 'sebagian' } } });
    expect(checklist.items.keterbukaan).toEqual({ status: 'sebagian', evidence: '' });
    expect(anyRecordSchema.safeParse(checklist).success).toBe(true);
  });

  it('build on another shipped template when asked', () => {
    const body = aDraftBody({ templateKey: 'profil-inovasi-daerah', sections: { manfaat: 'Lebih cepat.' } });
    expect(body.sections).toEqual({ 'rancang-bangun': '', tujuan: '', manfaat: 'Lebih cepat.', hasil: '' });
    expect(aSubmissionBody({ templateKey: 'profil-inovasi-daerah' }).sections).toHaveProperty('manfaat', '');
  });

  it('refuse a template, section, metadata field or checklist item the shipped templates do not have', () => {
    expect(() => aDraft({ templateKey: 'proposal-umum' })).toThrow(/proposal-umum/);
    expect(() => aDraft({ templateVersion: 99 })).toThrow(/v99/);
    expect(() => aDraft({ sections: { latar: 'x' } })).toThrow(/no "latar"/);
    expect(() => aDraft({ metadata: { warna: 'merah' } })).toThrow(/no "warna"/);
    expect(() => aChecklist({ items: { kejujuran: { status: 'belum' } } })).toThrow(/no "kejujuran"/);
  });

  it('make sessions with participants and follow-ups in the order given', () => {
    const session = aSession({
      participants: keyedByNewIds([aParticipant(), aParticipant({ name: 'Andi', present: false })]),
      actions: keyedByNewIds([aFollowUp({ due: '2026-12-01' })]),
    });
    expect(Object.values(session.participants).map((p) => [p.name, p.order])).toEqual([
      ['Sari Wulandari', 0],
      ['Andi', 1],
    ]);
    expect(Object.values(session.actions)[0]!.due).toBe('2026-12-01');
    expect(session.startsAt).toBe('2026-11-02T09:00');
    expect(anyRecordSchema.safeParse(session).success).toBe(true);
  });
});
