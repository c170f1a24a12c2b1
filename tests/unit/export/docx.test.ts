import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { getProposalTemplate, latestProposalTemplate } from '../../../src/shared/templates';
import type { Draft } from '../../../src/shared/records';
import { aDraft, aFollowUp, aParticipant, aSession } from '../../factories';
import { docxFile } from '../../../src/lib/export/docx';
import { draftOutput, sessionOutput, slug } from '../../../src/lib/export/model';
import { translator } from '../../../src/lib/export/strings';

/** Opens the produced file as Word would: a zip whose `word/document.xml` holds the body. */
async function documentXml(file: File): Promise<string> {
  const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
  expect(Object.keys(zip)).toContain('word/document.xml');
  return strFromU8(zip['word/document.xml']!);
}

/** The text of every `<w:t>` in order, joined per paragraph: what a reader sees. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  );
}
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('draft DOCX', () => {
  const template = latestProposalTemplate('kipp-2023-umum')!;

  it('holds every section of the recorded template version, in order, with its heading and text', async () => {
    const sections = Object.fromEntries(
      template.sections.map((s, i) => [s.key, `Isi bagian ${i + 1}: ${s.key}.`]),
    );
    const draft = aDraft({
      title: 'Posyandu Digital',
      team: 'Tim Puskesmas Sukamaju',
      sections: { ...sections, ringkasan: 'Baris satu\nBaris dua' },
    });
    const recorded = getProposalTemplate(draft.templateKey, draft.templateVersion);
    const model = draftOutput(draft, recorded, 'Puskesmas Sukamaju', 'id', translator('id'));
    const file = await docxFile(model);
    expect(file.name).toBe('rancangan-posyandu-digital.docx');

    const text = paragraphs(await documentXml(file)).map(unescape);
    expect(text).toContain('Posyandu Digital');
    expect(text).toContain('Unit: Puskesmas Sukamaju');
    expect(text).toContain('Tim inovator: Tim Puskesmas Sukamaju');
    for (const field of template.metadataFields)
      expect(text.some((p) => p.startsWith(`${field.label.id}: `))).toBe(true);

    let last = -1;
    for (const section of template.sections) {
      const at = text.indexOf(section.label.id);
      expect(at, section.key).toBeGreaterThan(last);
      last = at;
      if (section.key === 'ringkasan') {
        expect(text.slice(at + 1, at + 3)).toEqual(['Baris satu', 'Baris dua']);
      } else {
        expect(text[at + 1]).toBe(sections[section.key]);
      }
    }
  });

  it('writes script and markup typed by a user as escaped text, never as XML', async () => {
    const payload = '<script>alert(1)</script><w:p>&amp; "x" \'y\'';
    const draft = aDraft({
      title: payload,
      team: '<img src=x onerror=alert(1)>',
      sections: { ringkasan: payload },
    });
    const xml = await documentXml(
      await docxFile(draftOutput(draft, template, payload, 'en', translator('en'))),
    );
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;w:p&gt;&amp;amp;');
    expect(paragraphs(xml).map(unescape)).toContain(payload);
    expect(paragraphs(xml).map(unescape)).toContain(`Unit: ${payload}`);
  });

  it('keeps sections the template does not list, after the listed ones', () => {
    // A section only an older version of the template had.
    const draft: Draft = { ...aDraft(), sections: { 'bagian-lama': 'teks lama' } };
    const model = draftOutput(draft, template, null, 'en', translator('en'));
    expect(model.sections.at(-1)).toEqual({ key: 'bagian-lama', heading: 'bagian-lama', text: 'teks lama' });
    expect(model.fields[0]).toEqual({ label: 'Unit', value: '(no unit yet)' });
  });
});

describe('session report DOCX', () => {
  it('holds notes, attendance and follow-ups', async () => {
    const p1 = uuidv7();
    const p2 = uuidv7();
    const a1 = uuidv7();
    const session = aSession({
      startsAt: '2026-03-04T09:30',
      place: 'Aula Bappeda',
      facilitatorName: 'Bu Rina',
      topics: 'Ringkasan inovasi',
      notes: 'Catatan <b>penting</b>',
      agreements: 'Revisi minggu depan',
      participants: {
        [p2]: aParticipant({ name: 'Pak Budi', present: false, order: 2 }),
        [p1]: aParticipant({ name: 'Bu Sari', order: 1 }),
      },
      actions: {
        [a1]: aFollowUp({ what: 'Lengkapi anggaran', who: 'Bu Sari', due: '2026-03-11', order: 1 }),
      },
    });
    const model = sessionOutput(session, ['Dinas Kesehatan'], 'id', translator('id'));
    const file = await docxFile(model);
    expect(file.name).toBe('sesi-2026-03-04-aula-bappeda.docx');
    const text = paragraphs(await documentXml(file)).map(unescape);
    for (const s of ['Topik', 'Ringkasan inovasi', 'Catatan', 'Catatan <b>penting</b>', 'Kesepakatan']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Tempat: Aula Bappeda');
    expect(text).toContain('Unit yang didampingi: Dinas Kesehatan');
    expect(text).toContain('1 dari 2 hadir');
    // Attendance in the order people were added, then the follow-up row.
    expect(text.indexOf('Bu Sari')).toBeLessThan(text.indexOf('Pak Budi'));
    expect(text).toContain('Tidak hadir');
    expect(text).toContain('Lengkapi anggaran');
    expect(text).toContain('Terbuka');
  });
});

describe('slug', () => {
  it('makes safe file names', () => {
    expect(slug('Layanan Ësa / "Cepat" <script>')).toBe('layanan-esa-cepat-script');
    expect(slug('***')).toBe('tanpa-judul');
  });
});
