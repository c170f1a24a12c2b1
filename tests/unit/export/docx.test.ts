import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import {
  getProposalTemplate,
  latestProposalTemplate,
  type ProposalTemplate,
} from '../../../src/shared/templates';
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
/** The text of every paragraph with the given Word heading style. */
function headingTexts(xml: string, style: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .filter((p) => p[0].includes(`<w:pStyle w:val="${style}"/>`))
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
}

/** No option key with a dash (a slug) anywhere in the document. */
function expectNoSlug(xml: string, template: ProposalTemplate): void {
  for (const f of template.metadataFields)
    for (const o of f.options) if (o.key.includes('-')) expect(xml, o.key).not.toContain(o.key);
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

  it('numbers the sections in the template order, with weight, words against the limit and their text', async () => {
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
    expect(file.name).toBe('proposal-posyandu-digital.docx');

    const xml = await documentXml(file);
    const text = paragraphs(xml).map(unescape);
    expect(text).toContain('Posyandu Digital');
    expect(text).toContain('Unit: Puskesmas Sukamaju');
    expect(text).toContain('Tim inovator: Tim Puskesmas Sukamaju');
    for (const field of template.metadataFields)
      expect(text.some((p) => p.startsWith(`${field.label.id}: `))).toBe(true);

    // Headings, numbered, in the template's order; Adaptabilitas is one heading over its two questions.
    const headings = [
      '1. Ringkasan',
      '2. Latar Belakang dan Tujuan',
      '3. Kebaruan/Nilai Tambah',
      '4. Implementasi Inovasi',
      '5. Signifikansi',
      '6. Adaptabilitas',
      '6.1 Replikasi yang sudah terjadi',
      '6.2 Potensi replikasi',
      '7. Sumber Daya',
      '8. Strategi Keberlanjutan',
    ];
    let last = -1;
    for (const h of headings) {
      const at = text.indexOf(h);
      expect(at, h).toBeGreaterThan(last);
      last = at;
    }
    // Word headings: level 1 for sections and the group, level 2 for the group's questions.
    expect(headingTexts(xml, 'Heading1')).toEqual(
      headings.filter((h) => !h.includes('.1') && !h.includes('.2')).concat('Lampiran wajib'),
    );
    expect(headingTexts(xml, 'Heading2')).toEqual([
      '6.1 Replikasi yang sudah terjadi',
      '6.2 Potensi replikasi',
    ]);

    const after = (heading: string, n = 1) =>
      text.slice(text.indexOf(heading) + 1, text.indexOf(heading) + 1 + n);
    expect(after('1. Ringkasan', 3)).toEqual(['Tidak dinilai · 4/200 kata', 'Baris satu', 'Baris dua']);
    expect(after('5. Signifikansi', 2)).toEqual(['Bobot 30% · 4/600 kata', sections.signifikansi]);
    expect(after('6. Adaptabilitas')).toEqual(['Bobot 20%']);
    expect(after('6.1 Replikasi yang sudah terjadi', 2)).toEqual([
      '4/100 kata',
      sections['adaptabilitas-replikasi'],
    ]);
    expect(after('8. Strategi Keberlanjutan', 2)).toEqual(['Bobot 15% · 4/500 kata', sections.keberlanjutan]);
  });

  it('says "(belum diisi)" for an empty section and lists the required attachments with their state', async () => {
    const draft = aDraft({ title: 'Kosong', sections: { ringkasan: '   ' } });
    const slots = ['required:surat-identitas', 'section:ringkasan'];
    const text = paragraphs(
      await documentXml(await docxFile(draftOutput(draft, template, null, 'id', translator('id'), slots))),
    ).map(unescape);
    const at = text.indexOf('5. Signifikansi');
    expect(text.slice(at + 1, at + 3)).toEqual(['Bobot 30% · 0/600 kata', '(belum diisi)']);
    expect(text.filter((p) => p === '(belum diisi)')).toHaveLength(9);
    expect(text).not.toContain('');

    expect(text).toContain('Lampiran wajib');
    expect(text).toContain('1 dari 3 terlampir');
    const row = (label: string) => text.slice(text.indexOf(label), text.indexOf(label) + 2);
    expect(row('Surat pernyataan implementasi (PDF)')).toEqual([
      'Surat pernyataan implementasi (PDF)',
      'Belum dilampirkan',
    ]);
    expect(row('Surat pernyataan identitas perorangan/tim inovator (PDF)')[1]).toBe('Terlampir');
    expect(row('Surat pernyataan kesediaan direplikasi (PDF)')[1]).toBe('Belum dilampirkan');
  });

  it('writes option labels, never their slugs: SDGs by name, categories and initiators as words', async () => {
    const draft = aDraft({
      metadata: { kelompok: 'umum', kategori: 'pengentasan-kemiskinan', sdgs: [1, '10'] },
    });
    const xml = await documentXml(await docxFile(draftOutput(draft, template, null, 'id', translator('id'))));
    const text = paragraphs(xml).map(unescape);
    expect(text).toContain('Kelompok: Umum');
    expect(text).toContain('Kategori: Pengentasan kemiskinan');
    expect(text).toContain('Tujuan SDGs terkait: 1. Tanpa Kemiskinan; 10. Berkurangnya Kesenjangan');
    expectNoSlug(xml, template);

    const profil = latestProposalTemplate('profil-inovasi-daerah')!;
    const p = aDraft({
      templateKey: profil.key,
      templateVersion: profil.version,
      metadata: {
        tahapan: 'uji-coba',
        inisiator: 'anggota-dprd',
        jenis: 'non-digital',
        bentuk: 'tata-kelola-pemerintahan-daerah',
      },
    });
    const pXml = await documentXml(await docxFile(draftOutput(p, profil, null, 'id', translator('id'))));
    const pText = paragraphs(pXml).map(unescape);
    expect(pText).toContain('Inisiator: Anggota DPRD');
    expect(pText).toContain('Jenis inovasi: Non-digital');
    expect(pText).toContain('Bentuk inovasi: Tata kelola pemerintahan daerah');
    expectNoSlug(pXml, profil);
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
    expect(model.sections.at(-1)).toEqual({
      key: 'bagian-lama',
      heading: 'bagian-lama',
      text: 'teks lama',
      level: 1,
    });
    expect(model.fields[0]).toEqual({ label: 'Unit', value: '(no unit yet)' });
  });
});

describe('session report DOCX (laporan pendampingan)', () => {
  // A 1x1 PNG: a real image Word can open.
  const PNG = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
    (c) => c.charCodeAt(0),
  );

  it('holds unit, date, place, facilitator, attendance to sign, agreements, follow-ups, photos and signatures', async () => {
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
    const photos = [
      { name: 'diskusi.png', mime: 'image/png', data: PNG, width: 1200, height: 900 },
      { name: 'papan.webp', mime: 'image/webp', data: PNG, width: 10, height: 10 },
    ];
    const model = sessionOutput(session, ['Dinas Kesehatan'], 'id', translator('id'), photos);
    const file = await docxFile(model);
    expect(file.name).toBe('laporan-pendampingan-2026-03-04-aula-bappeda.docx');
    const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const xml = strFromU8(zip['word/document.xml']!);
    const text = paragraphs(xml).map(unescape);
    expect(text[0]).toBe('Laporan pendampingan');
    expect(text).toContain('Unit yang didampingi: Dinas Kesehatan');
    expect(text.some((p) => p.startsWith('Tanggal dan jam: ') && p.includes('2026'))).toBe(true);
    expect(text).toContain('Tempat: Aula Bappeda');
    expect(text).toContain('Pendamping: Bu Rina');
    for (const s of ['Topik', 'Ringkasan inovasi', 'Catatan', 'Catatan <b>penting</b>', 'Kesepakatan']) {
      expect(text).toContain(s);
    }
    expect(text.indexOf('Revisi minggu depan')).toBe(text.indexOf('Kesepakatan') + 1);

    // Attendance: numbered, in the order people were added, with an empty column to sign in rows ~1 cm tall.
    expect(text).toContain('1 dari 2 hadir');
    const head = text.indexOf('Tanda tangan');
    expect(text.slice(head - 3, head + 1)).toEqual(['No.', 'Nama', 'Hadir', 'Tanda tangan']);
    expect(text.slice(head + 1, head + 9)).toEqual([
      '1',
      'Bu Sari',
      'Hadir',
      '',
      '2',
      'Pak Budi',
      'Tidak hadir',
      '',
    ]);
    expect(xml.match(/<w:trHeight w:val="567" w:hRule="atLeast"\/>/g)).toHaveLength(2);

    expect(text).toContain('Lengkapi anggaran');
    expect(text).toContain('Terbuka');

    // Photos: the PNG is embedded at page width (600 px = 5715000 EMU), the WebP Word cannot take is named.
    expect(text).toContain('Dokumentasi foto');
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(zip[media[0]!]).toEqual(PNG);
    expect(xml).toContain('<wp:extent cx="5715000" cy="4286250"/>');
    expect(text).toContain('diskusi.png');
    expect(text).toContain('papan.webp');

    // Signature lines after everything else: the facilitator by name, the unit's head left to write.
    const sign = text.indexOf('Pendamping');
    expect(sign).toBeGreaterThan(text.indexOf('papan.webp'));
    expect(text.slice(sign)).toContain('( Bu Rina )');
    expect(text.slice(sign)).toContain('Mengetahui, kepala unit');
    expect(text.slice(sign)).toContain(`( ${'.'.repeat(30)} )`);
    expect(text.some((p) => p.startsWith('Aula Bappeda, ') && p.includes('2026'))).toBe(true);
  });

  it('has no photo section when the session has no images', () => {
    const model = sessionOutput(aSession(), [], 'en', translator('en'));
    expect(model.photos).toBeUndefined();
    expect(model.kind).toBe('Coaching session report');
    expect(model.signatures?.items.map((s) => s.role)).toEqual([
      'Facilitator',
      'Acknowledged by the head of the unit',
    ]);
  });
});

describe('slug', () => {
  it('makes safe file names', () => {
    expect(slug('Layanan Ësa / "Cepat" <script>')).toBe('layanan-esa-cepat-script');
    expect(slug('***')).toBe('tanpa-judul');
  });
});
