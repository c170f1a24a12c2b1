/**
 * No raw slug reaches a reader: every option of every shipped template version (and every stage and review
 * status) is shown by its label in both languages, on screen (`optionLabel`, the labels) and in the proposal
 * DOCX of a draft filled with every option.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { optionLabel, proposalTemplates, type ProposalTemplate } from '../../../src/shared/templates';
import { REVIEW_STATUSES, STAGES, type Draft } from '../../../src/shared/records';
import { REVIEW_STATUS_LABELS } from '../../../src/shared/domain/review';
import { aDraft } from '../../factories';
import { docxFile } from '../../../src/lib/export/docx';
import { draftOutput } from '../../../src/lib/export/model';
import { translator } from '../../../src/lib/export/strings';

const templates = proposalTemplates.listAll();
const isSlug = (text: string) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(text);

/**
 * Drafts that together pick every option of `template`: draft i takes option i of each single-choice field (the
 * last one when it has fewer) and every option of each multiple-choice field, and stage i.
 */
function draftsWithEveryOption(template: ProposalTemplate): Draft[] {
  const fields = template.metadataFields.filter((f) => f.options.length > 0);
  const count = Math.max(STAGES.length, ...fields.map((f) => f.options.length));
  return Array.from({ length: count }, (_, i) =>
    aDraft({
      templateKey: template.key,
      templateVersion: template.version,
      title: `Inovasi ${i + 1}`,
      stage: STAGES[Math.min(i, STAGES.length - 1)]!,
      metadata: Object.fromEntries(
        fields.map((f) => [
          f.key,
          f.type === 'multiselect'
            ? f.options.map((o) => o.key)
            : f.options[Math.min(i, f.options.length - 1)]!.key,
        ]),
      ),
    }),
  );
}

/** The visible text of a DOCX: every `<w:t>`, unescaped enough for slugs (which have no markup characters). */
async function docxText(file: File): Promise<string> {
  const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
  const xml = strFromU8(zip['word/document.xml']!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
}

describe('no raw slug on screen', () => {
  it('labels every option of every shipped template version in both languages', () => {
    expect(templates.length).toBeGreaterThanOrEqual(2);
    for (const template of templates)
      for (const field of template.metadataFields)
        for (const option of field.options) {
          const label = optionLabel(field, option.key);
          expect(label, option.key).toEqual(option.label);
          for (const text of [label!.id, label!.en]) {
            expect(text, `${template.key} ${option.key}`).not.toBe(option.key);
            expect(isSlug(text), `${template.key} ${option.key}: ${text}`).toBe(false);
          }
        }
  });

  it('names every review status in words', () => {
    for (const status of REVIEW_STATUSES)
      for (const text of Object.values(REVIEW_STATUS_LABELS[status])) {
        expect(text).not.toBe(status);
        expect(isSlug(text)).toBe(false);
      }
  });
});

describe('no raw slug in the proposal DOCX', () => {
  for (const template of templates)
    for (const lang of ['id', 'en'] as const)
      it(`${template.key} v${template.version} (${lang}) shows option and stage labels, never their keys`, async () => {
        const slugs = [
          ...template.metadataFields.flatMap((f) => f.options.map((o) => o.key)),
          ...STAGES,
          ...REVIEW_STATUSES,
        ].filter((key) => key.includes('-'));
        expect(slugs.length).toBeGreaterThan(0);
        for (const draft of draftsWithEveryOption(template)) {
          const text = await docxText(
            await docxFile(draftOutput(draft, template, 'Puskesmas Malili', lang, translator(lang))),
          );
          for (const slug of slugs) expect(text, slug).not.toContain(slug);
          for (const field of template.metadataFields) {
            const value = draft.metadata[field.key];
            const first = Array.isArray(value) ? value[0] : value;
            if (first === undefined || field.options.length === 0) continue;
            expect(text, field.key).toContain(optionLabel(field, first)![lang]);
          }
        }
      });
});
