import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { newDraftBody, newSessionBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { anAttachmentBody } from '../factories';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;
const PAYLOAD = '<script>window.hacked=1</script><img src=x onerror="window.hacked=2">';

// jsdom has no Blob URLs, clipboard, share sheet or print: each test sets up the part it needs.
const made: Blob[] = [];
beforeEach(() => {
  made.length = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        made.push(blob);
        return `blob:rintis/${made.length}`;
      }),
      revokeObjectURL: vi.fn(),
    }),
  );
});
afterEach(() => {
  teardown();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const key of ['clipboard', 'share', 'canShare'] as const) {
    if (Object.getOwnPropertyDescriptor(navigator, key)) Reflect.deleteProperty(navigator, key);
  }
});

/** jsdom's Blob has no `arrayBuffer()`: read it the way old browsers do. */
function bytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

function setNavigator(key: 'clipboard' | 'share' | 'canShare', value: unknown): void {
  Object.defineProperty(navigator, key, { value, configurable: true });
}

async function draftWithText() {
  const store = await freshWorkspace();
  const unit = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
  const template = kipp();
  const sections = Object.fromEntries(template.sections.map((s, i) => [s.key, `Teks ${i + 1} ${s.key}`]));
  sections['ringkasan'] = PAYLOAD;
  const draft = await store.create('draft', {
    ...newDraftBody(template, unit.id),
    title: 'Posyandu Digital',
    team: 'Tim <b>Mawar</b>',
    sections,
  });
  return { store, draft, template, sections };
}

describe('draft outputs', () => {
  it('the draft screen links to a print page with every section in the template order, as text', async () => {
    const { draft, template, sections } = await draftWithText();
    // The outputs are with the review moves, in the draft's "Tinjauan" tab.
    renderApp(`/rancangan/${draft.id}#tinjauan`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Cetak dan ekspor' }));
    expect(location.pathname).toBe(`/rancangan/${draft.id}/cetak`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Posyandu Digital' })).toBeInTheDocument();
    expect(screen.getByText('Puskesmas Mawar')).toBeInTheDocument();
    // Numbered as in the DOCX; Adaptabilitas is one heading over its two questions; then the attachments.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual([
      '1. Ringkasan',
      '2. Latar Belakang dan Tujuan',
      '3. Kebaruan/Nilai Tambah',
      '4. Implementasi Inovasi',
      '5. Signifikansi',
      '6. Adaptabilitas',
      '7. Sumber Daya',
      '8. Strategi Keberlanjutan',
      'Lampiran wajib',
    ]);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      '6.1 Replikasi yang sudah terjadi',
      '6.2 Potensi replikasi',
    ]);
    expect(screen.getByText('Bobot 30% · 3/600 kata')).toBeInTheDocument();
    for (const s of template.sections) {
      const block = document.querySelector(`[data-section="${s.key}"]`)!;
      expect(block.querySelector('.text')!.textContent).toBe(sections[s.key]);
    }
    // Typed markup stays characters on the page: no element was made from it, no script ran.
    const article = document.querySelector('article.output')!;
    expect(article.querySelector('script, img, b')).toBeNull();
    expect(screen.getByText('Tim <b>Mawar</b>')).toBeInTheDocument();
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });

  it('"Cetak / Simpan PDF" opens the browser print dialog', async () => {
    const { draft } = await draftWithText();
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    renderApp(`/rancangan/${draft.id}/cetak`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Cetak / Simpan PDF' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('"Salin" copies one section to the clipboard and says so', async () => {
    const { draft, template, sections } = await draftWithText();
    renderApp(`/rancangan/${draft.id}/cetak`);
    const user = userEvent.setup();
    // After setup: user-event installs a clipboard of its own.
    const writeText = vi.fn((_text: string) => Promise.resolve());
    setNavigator('clipboard', { writeText });
    const second = template.sections[1]!;
    await user.click(await screen.findByRole('button', { name: `Salin teks bagian ${second.label.id}` }));
    expect(writeText).toHaveBeenCalledWith(sections[second.key]);
    expect(
      await screen.findByText(`Teks bagian ${second.label.id} disalin. Tempel di portal.`),
    ).toBeInTheDocument();
  });

  it('without a clipboard, copying falls back to the old copy command, and says when nothing worked', async () => {
    const { draft, template, sections } = await draftWithText();
    const copied: string[] = [];
    const execCommand = vi.fn((command: string) => {
      const area = document.activeElement as HTMLTextAreaElement | null;
      if (command === 'copy' && area?.tagName === 'TEXTAREA') copied.push(area.value);
      return copied.length > 0;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    try {
      renderApp(`/rancangan/${draft.id}/cetak`);
      const first = template.sections[0]!;
      const user = userEvent.setup();
      setNavigator('clipboard', undefined);
      await user.click(await screen.findByRole('button', { name: `Salin teks bagian ${first.label.id}` }));
      expect(copied).toEqual([sections[first.key]]);
      expect(
        await screen.findByText(`Teks bagian ${first.label.id} disalin. Tempel di portal.`),
      ).toBeInTheDocument();
      // No copy at all: a clear message instead of a silent failure; the helper textarea is gone.
      execCommand.mockReturnValue(false);
      copied.length = 0;
      const second = template.sections[1]!;
      await user.click(screen.getByRole('button', { name: `Salin teks bagian ${second.label.id}` }));
      expect(await screen.findByText(/Teks tidak bisa disalin otomatis/)).toBeInTheDocument();
      expect(document.querySelector('body > textarea')).toBeNull();
    } finally {
      Reflect.deleteProperty(document, 'execCommand');
    }
  });

  it('makes the DOCX on demand and offers a download link when files cannot be shared', async () => {
    const { draft } = await draftWithText();
    renderApp(`/rancangan/${draft.id}/cetak`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Buat berkas DOCX' }));
    const link = await screen.findByRole('link', { name: 'Unduh proposal-posyandu-digital.docx' });
    expect(link).toHaveAttribute('download', 'proposal-posyandu-digital.docx');
    expect(link).toHaveAttribute('href', 'blob:rintis/1');
    expect(screen.queryByRole('button', { name: 'Bagikan berkas' })).toBeNull();
    expect(screen.getByText('Berkas proposal-posyandu-digital.docx siap.')).toBeInTheDocument();

    // The linked file is the real document.
    const xml = strFromU8(unzipSync(await bytes(made[0]!))['word/document.xml']!);
    for (const h of [
      '1. Ringkasan',
      '6. Adaptabilitas',
      '6.1 Replikasi yang sudah terjadi',
      '8. Strategi Keberlanjutan',
    ])
      expect(xml).toContain(h);
    expect(xml).toContain('&lt;script&gt;window.hacked=1&lt;/script&gt;');
  });

  it('makes the DOCX in Indonesian when the screen is in English', async () => {
    const { draft } = await draftWithText();
    const { locale } = await import('../../src/lib/i18n/index.svelte');
    locale.set('en');
    renderApp(`/rancangan/${draft.id}/cetak`);
    expect(
      await screen.findByRole('heading', { level: 2, name: '5. Significance (impact)' }),
    ).toBeInTheDocument();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Make a DOCX file' }));
    await screen.findByRole('link', { name: 'Download proposal-posyandu-digital.docx' });
    const xml = strFromU8(unzipSync(await bytes(made[0]!))['word/document.xml']!);
    for (const text of ['5. Signifikansi', 'Bobot 30% · 3/600 kata', 'Lampiran wajib', 'Belum dilampirkan'])
      expect(xml).toContain(text);
    for (const text of ['Significance', 'Weight', 'words', 'Required attachments'])
      expect(xml).not.toContain(text);
  });

  it('shares the DOCX through the share sheet where the browser can share files', async () => {
    const { draft } = await draftWithText();
    const share = vi.fn((_data: ShareData) => Promise.resolve());
    setNavigator('canShare', (data: ShareData) => (data.files?.length ?? 0) > 0);
    setNavigator('share', share);
    renderApp(`/rancangan/${draft.id}/cetak`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Buat berkas DOCX' }));
    await user.click(await screen.findByRole('button', { name: 'Bagikan berkas' }));
    expect(share).toHaveBeenCalledOnce();
    const files = share.mock.calls[0]![0].files!;
    expect(files[0]!.name).toBe('proposal-posyandu-digital.docx');
    expect(await screen.findByText('Berkas dibagikan.')).toBeInTheDocument();
    // The download link stays as the way out.
    expect(screen.getByRole('link', { name: /Unduh/ })).toBeInTheDocument();
  });

  it('a cancelled share says the file can still be downloaded', async () => {
    const { draft } = await draftWithText();
    setNavigator('canShare', () => true);
    setNavigator('share', () => Promise.reject(new DOMException('cancel', 'AbortError')));
    renderApp(`/rancangan/${draft.id}/cetak`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Buat berkas DOCX' }));
    await user.click(await screen.findByRole('button', { name: 'Bagikan berkas' }));
    expect(await screen.findByText('Berbagi dibatalkan. Berkas tetap bisa diunduh.')).toBeInTheDocument();
  });

  it('an unknown draft says it is not on this device', async () => {
    await freshWorkspace();
    renderApp(`/rancangan/${uuidv7()}/cetak`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Data tidak ditemukan di perangkat ini.');
  });
});

describe('session report outputs', () => {
  it('the session screen links to a report with notes, attendance and follow-ups, as text', async () => {
    const store = await freshWorkspace();
    const unit = await store.create('unit', { name: 'Dinas Kesehatan', type: 'opd', demo: false });
    const [p1, p2, a1] = [uuidv7(), uuidv7(), uuidv7()];
    const session = await store.create('session', {
      ...newSessionBody(new Date(2026, 2, 4, 9, 30)),
      unitIds: [unit.id],
      place: 'Aula Bappeda',
      facilitatorName: 'Bu Rina',
      topics: 'Ringkasan inovasi',
      notes: PAYLOAD,
      agreements: 'Revisi minggu depan',
      participants: {
        [p1]: { name: 'Bu Sari', personId: null, present: true, order: 1 },
        [p2]: { name: 'Pak Budi', personId: null, present: false, order: 2 },
      },
      actions: {
        [a1]: { what: 'Lengkapi anggaran', who: 'Bu Sari', due: '2026-03-11', status: 'terbuka', order: 1 },
      },
    });
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Cetak dan ekspor' }));
    expect(location.pathname).toBe(`/sesi/${session.id}/cetak`);

    expect(await screen.findByText('Laporan pendampingan')).toBeInTheDocument();
    expect(screen.getByText('Aula Bappeda')).toBeInTheDocument();
    expect(screen.getByText('Dinas Kesehatan')).toBeInTheDocument();
    expect(screen.getByText(PAYLOAD)).toBeInTheDocument();
    expect(document.querySelector('article.output script, article.output img')).toBeNull();
    expect(screen.getByText('1 dari 2 hadir')).toBeInTheDocument();
    const [attendance, actions] = screen.getAllByRole('table');
    expect(
      within(attendance!)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['No.NamaHadirTanda tangan', '1Bu SariHadir', '2Pak BudiTidak hadir']);
    // Lines to sign: the facilitator by name, the unit's head left blank.
    const signatures = document.querySelector('[data-section="signatures"]')!;
    expect(signatures).toHaveTextContent(/Pendamping\s*\( Bu Rina \)/);
    expect(signatures).toHaveTextContent('Mengetahui, kepala unit');
    expect(within(actions!).getByText('Lengkapi anggaran')).toBeInTheDocument();
    expect(within(actions!).getByText('Terbuka')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Buat berkas DOCX' }));
    await screen.findByRole('link', { name: 'Unduh laporan-pendampingan-2026-03-04-aula-bappeda.docx' });
    const xml = strFromU8(unzipSync(await bytes(made[0]!))['word/document.xml']!);
    for (const text of ['Ringkasan inovasi', 'Revisi minggu depan', 'Pak Budi', 'Lengkapi anggaran']) {
      expect(xml).toContain(text);
    }
    expect(xml).not.toContain('<script>');
  });

  it('shows the photos of the session and puts them in the DOCX; other attachments are not photos', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', {
      ...newSessionBody(new Date(2026, 2, 4, 9, 30)),
      place: 'Aula Bappeda',
    });
    // The bytes are on another phone: the small picture kept in the record stands in for the photo.
    const PNG_BASE64 =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    await store.create(
      'attachment',
      anAttachmentBody({
        parentId: session.id,
        name: 'diskusi.png',
        mime: 'image/png',
        width: 1600,
        height: 1200,
        thumbnail: `data:image/png;base64,${PNG_BASE64}`,
      }),
    );
    await store.create(
      'attachment',
      anAttachmentBody({ parentId: session.id, name: 'daftar-hadir.pdf', mime: 'application/pdf' }),
    );
    renderApp(`/sesi/${session.id}/cetak`);
    const photos = await screen.findByRole('heading', { level: 2, name: 'Dokumentasi foto' });
    const figure = within(photos.parentElement!).getByRole('img', { name: 'diskusi.png' });
    expect(figure).toHaveAttribute('width', '160');
    expect(figure).toHaveAttribute('height', '120');
    expect(screen.queryByText('daftar-hadir.pdf')).toBeNull();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Buat berkas DOCX' }));
    await screen.findByRole('link', { name: /^Unduh laporan-pendampingan/ });
    // The first object URL is the photo on screen; the last is the file.
    const zip = unzipSync(await bytes(made.at(-1)!));
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(btoa(String.fromCharCode(...zip[media[0]!]!))).toBe(PNG_BASE64);
    expect(strFromU8(zip['word/document.xml']!)).toContain('diskusi.png');
  });

  it('switching to English relabels the report', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody(new Date(2026, 2, 4, 9, 30)));
    localStorage.setItem('rintis.locale', 'en');
    const { locale } = await import('../../src/lib/i18n/index.svelte');
    locale.set('en');
    renderApp(`/sesi/${session.id}/cetak`);
    expect(await screen.findByText('Coaching session report')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print / Save as PDF' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('0 of 0 present')).toBeInTheDocument());
    // Empty topics, notes and agreements say so on paper, and offer nothing to copy.
    expect(screen.getAllByText('(not filled in yet)')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /^Copy the text/ })).toBeNull();
  });
});
