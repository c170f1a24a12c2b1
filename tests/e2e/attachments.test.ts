/**
 * End to end in Chromium, real server (tus uploads to a temp FILE_DIR), two people on two phones (browser
 * contexts): the facilitator attaches a camera photo to a coaching session while OFFLINE; it is compressed and kept
 * on the phone ("Hanya di perangkat ini"); when the network returns the record syncs and the photo uploads
 * ("Terunggah" only after the server's final 204). The innovator's phone shows its thumbnail and size, and
 * downloads it on demand; the bytes match by hash.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPhoto, startE2e, type E2e } from './fixture';
import { flattenBody } from '../../src/shared/fieldPaths';
import { aSessionBody } from '../factories';

const UNIT = '0190a000-0000-7000-8000-0000000000a6';

describe('attachments in Chromium: a photo taken offline reaches a second phone', () => {
  let e2e: E2e;
  let url: string;
  let sessionId: string;

  beforeAll(async () => {
    e2e = await startE2e({
      people: {
        innovator: { name: 'innovator', email: 'inovator@lampiran.go.id', unit: UNIT },
        facilitator: { name: 'facilitator', email: 'fasilitator@lampiran.go.id', unit: UNIT },
      },
      tenant: 'Kabupaten Lampiran',
    });
    url = e2e.url;
    // The coaching session, already on the server (made on another phone earlier).
    const session = aSessionBody({ startsAt: '2024-05-02T09:00', place: 'Puskesmas Wotu', unitIds: [UNIT] });
    sessionId = await e2e.server.seed(e2e.login('facilitator'), 'session', flattenBody('session', session));
  }, 120_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('attached offline, uploaded when the network returns, thumbnail then download on the second phone', async () => {
    // The facilitator's phone (the session is hers to write, and so to attach to).
    const { page: a } = await e2e.signIn('facilitator');
    const ctxA = a.context();
    await a.goto(`${url}/sesi/${sessionId}`);
    await a.getByLabel('Tempat').waitFor({ timeout: 30_000 });
    await expect.poll(() => a.getByLabel('Tempat').inputValue(), { timeout: 20_000 }).toBe('Puskesmas Wotu');
    const photo = await cameraPhoto(a);
    expect(photo.length).toBeGreaterThan(1_000_000);

    // Offline: take the photo (the camera input, as on a phone).
    await ctxA.setOffline(true);
    await a
      .locator('#session-attachment-camera')
      .setInputFiles({ name: 'absensi.jpg', mimeType: 'image/jpeg', buffer: photo });
    const item = a.getByTestId('attachment');
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.getAttribute('data-state')).toBe('local');
    expect(await item.getByTestId('attachment-state').innerText()).toContain('Hanya di perangkat ini');
    // Original and stored size, both shown; the stored photo is a fraction of the original.
    const sizes = await item.getByTestId('attachment-sizes').innerText();
    expect(sizes).toMatch(/^Asli .+ MB, disimpan .+ KB$/);
    await expect.poll(() => item.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    const sha = (await item.getAttribute('data-sha')) ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // Still offline a while later: nothing uploaded, nothing lost.
    await a.waitForTimeout(1_500);
    expect(await item.getAttribute('data-state')).toBe('local');

    // Back online: the record syncs, then the bytes upload; "Terunggah" only after the server confirmed.
    await ctxA.setOffline(false);
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 60_000 }).toBe('uploaded');
    expect(await item.getByTestId('attachment-state').innerText()).toContain('Terunggah');
    const files = readdirSync(e2e.server.fileDir, { recursive: true }).map(String);
    const stored = files.find((f) => f.endsWith(sha));
    expect(stored, files.join(', ')).toBeDefined();
    const storedSize = statSync(join(e2e.server.fileDir, stored!)).size;
    expect(storedSize).toBeLessThan(photo.length / 3);

    // The innovator's phone: the thumbnail and size arrive with sync; the bytes only on demand.
    const { page: b } = await e2e.signIn('innovator');
    await b.goto(`${url}/sesi/${sessionId}`);
    const remote = b.getByTestId('attachment');
    await remote.waitFor({ timeout: 30_000 });
    expect(await remote.getAttribute('data-sha')).toBe(sha);
    await expect.poll(() => remote.getAttribute('data-state')).toBe('remote');
    await expect.poll(() => remote.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    const download = remote.getByRole('button', { name: /^Unduh \(.+ KB\)$/ });
    await download.click();
    await expect.poll(() => remote.getAttribute('data-state'), { timeout: 30_000 }).toBe('uploaded');
    await remote.getByRole('button', { name: /^Buka absensi\./ }).waitFor();
    // The bytes on the second phone are the stored ones (checked against the hash when downloaded, and here).
    const hashOnB = await b.evaluate(async (hash) => {
      const req = indexedDB.open(
        (await indexedDB.databases()).find((d) => d.name?.startsWith('rintis-user-'))?.name ?? '',
      );
      const db = await new Promise<IDBDatabase>((res, rej) => {
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const row = await new Promise<{ data: ArrayBuffer } | undefined>((res, rej) => {
        const get = db.transaction('blobs').objectStore('blobs').get(hash);
        get.onsuccess = () => res(get.result as { data: ArrayBuffer } | undefined);
        get.onerror = () => rej(get.error);
      });
      db.close();
      if (!row) return null;
      const digest = await crypto.subtle.digest('SHA-256', row.data);
      return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
    }, sha);
    expect(hashOnB).toBe(sha);
  });
});
