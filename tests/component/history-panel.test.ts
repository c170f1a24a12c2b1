import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import { uuidv7 } from 'uuidv7';
import { newDraftBody } from '../../src/shared/domain';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { latestProposalTemplate } from '../../src/shared/templates';
import { httpHistoryFetcher, historyMetaKey } from '../../src/lib/review/history.svelte';
import type { ReviewActor } from '../../src/lib/review/actions';
import HistoryPanel from '../../src/ui/review/HistoryPanel.svelte';
import { startServer, type TestServer } from './account/server';
import { freshWorkspace, teardown } from './workspace-helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(async () => {
  await server.stop();
});
afterEach(() => {
  server.online = true;
  teardown();
});

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;
const me: ReviewActor = { userId: 'me', name: 'Budi Inovator', role: 'innovator' };

async function signIn(login: string): Promise<string> {
  const res = await server.fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: server.password }),
  });
  const body = (await res.json()) as { accessToken?: string; tokens?: { accessToken: string } };
  return (body.accessToken ?? body.tokens?.accessToken)!;
}

/** A draft created and submitted on "another phone" of the innovator, straight through the sync API. */
async function draftOnServer(token: string): Promise<{ id: string; fieldVersions: Record<string, number> }> {
  const id = uuidv7();
  const body = { ...newDraftBody(kipp(), null), title: 'Antar obat' };
  const change = (seq: number, op: 'create' | 'update', values: Record<string, unknown>) => ({
    deviceId: 'history-test-device',
    seq,
    recordId: id,
    kind: 'draft',
    op,
    values,
    base: {},
    editedAt: Date.now(),
  });
  const res = await server.fetch('/api/sync/push', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'history-test-device',
      changes: [
        change(Number(Date.now() % 1_000_000) + 1, 'create', flattenBody('draft', body)),
        change(Number(Date.now() % 1_000_000) + 2, 'update', { reviewStatus: 'diajukan' }),
      ],
    }),
  });
  const pushed = (await res.json()) as {
    results: { status: string; record?: { fieldVersions: Record<string, number> } }[];
  };
  expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return { id, fieldVersions: pushed.results[1]!.record!.fieldVersions };
}

describe('history panel', () => {
  it("shows the server's history with names and roles, this phone's unsent change, and keeps it for offline", async () => {
    const token = await signIn(server.innovator.login);
    const { id: draftId } = await draftOnServer(token);
    const store = await freshWorkspace();
    // This phone's own edit of the draft, not sent yet.
    await store.create(
      'draft',
      { ...newDraftBody(kipp(), null), title: 'Antar obat ke rumah' },
      { id: draftId },
    );
    const fetchHistory = httpHistoryFetcher(() => Promise.resolve(token), { fetch: server.fetch });
    render(HistoryPanel, { store, draftId, rev: 0, template: kipp(), actor: () => me, fetchHistory });

    const panel = await screen.findByRole('region', { name: 'Riwayat' });
    await within(panel).findByText(/Riwayat dari server per/);
    const items = () =>
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.textContent ?? '');
    await waitFor(() => expect(items()).toHaveLength(3));
    const [unsent, submitted, created] = items();
    expect(unsent).toMatch(/Budi Inovator \(inovator\) · membuat proposal.*belum terkirim/);
    expect(submitted).toMatch(/Budi Inovator \(inovator\) · status menjadi "Diajukan"\s*$/);
    expect(created).toMatch(
      /Budi Inovator \(inovator\) · membuat proposal; status menjadi "Belum diajukan"\s*$/,
    );
    expect(await store.getMeta(historyMetaKey(draftId))).toMatchObject({ recordId: draftId });

    // Offline, another visit: the copy kept on the phone, said to be so.
    cleanup();
    server.online = false;
    render(HistoryPanel, { store, draftId, rev: 0, template: kipp(), actor: () => me, fetchHistory });
    const offline = await screen.findByRole('region', { name: 'Riwayat' });
    await within(offline).findByText(/tersimpan di perangkat ini; belum dapat diperbarui/);
    await waitFor(() => expect(within(offline).getAllByRole('listitem')).toHaveLength(3));
  }, 20_000);

  it('reads its history again after a sync changes the draft', async () => {
    const token = await signIn(server.innovator.login);
    const { id: draftId, fieldVersions } = await draftOnServer(token);
    const store = await freshWorkspace();
    const fetchHistory = httpHistoryFetcher(() => Promise.resolve(token), { fetch: server.fetch });
    const view = render(HistoryPanel, {
      store,
      draftId,
      rev: 1,
      template: kipp(),
      actor: () => me,
      fetchHistory,
    });
    const panel = await screen.findByRole('region', { name: 'Riwayat' });
    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(2));
    const res = await server.fetch('/api/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: 'history-test-device-2',
        changes: [
          {
            deviceId: 'history-test-device-2',
            seq: 1,
            recordId: draftId,
            kind: 'draft',
            op: 'update',
            values: { reviewStatus: 'draft' },
            base: { reviewStatus: fieldVersions.reviewStatus! },
            editedAt: Date.now(),
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    await view.rerender({ rev: 2 });
    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(3));
    expect(within(panel).getAllByRole('listitem')[0]).toHaveTextContent('status menjadi "Belum diajukan"');
  }, 20_000);

  it("shows only this phone's changes for a guest (no server)", async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Lokal' });
    render(HistoryPanel, {
      store,
      draftId: draft.id,
      rev: 0,
      template: kipp(),
      actor: () => ({ userId: 'guest', name: 'Tamu / Guest', role: 'coordinator' }),
      fetchHistory: null,
    });
    const panel = await screen.findByRole('region', { name: 'Riwayat' });
    await within(panel).findByText('Hanya perubahan di perangkat ini (belum ada riwayat dari server).');
    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(1));
    expect(within(panel).getByRole('listitem')).toHaveTextContent('belum terkirim');
  });
});
