import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { localDateTime, newSessionBody } from '../../src/shared/domain';
import type { FollowUpAction } from '../../src/shared/records';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

/** A local day `offset` days from today, `YYYY-MM-DD`. */
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return localDateTime(d).slice(0, 10);
};
const ids = ['0190a5f0-0000-7000-8000-000000000001', '0190a5f0-0000-7000-8000-000000000002'] as const;
const action = (what: string, who: string, due: string, order: number): FollowUpAction => ({
  what,
  who,
  due,
  status: 'terbuka',
  order,
});

async function seed() {
  const store = await freshWorkspace();
  const mawar = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
  const dinkes = await store.create('unit', { name: 'Dinas Kesehatan', type: 'opd', demo: false });
  const first = await store.create('session', {
    ...newSessionBody(),
    unitIds: [mawar.id],
    actions: {
      [ids[0]]: action('Susun SOP antar obat', 'Budi', day(-3), 0),
      [ids[1]]: action('Foto sebelum dan sesudah', 'Sari', day(20), 1),
    },
  });
  const second = await store.create('session', {
    ...newSessionBody(),
    unitIds: [dinkes.id],
    actions: { [ids[0]]: action('Rapat dengan kepala dinas', 'budi', day(0), 0) },
  });
  return { store, mawar, dinkes, first, second };
}

describe('follow-ups view', () => {
  it('lists actions of every session by unit, overdue first and said in words, and the nav links to it', async () => {
    await seed();
    renderApp('/tindak-lanjut');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tindak lanjut' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigasi utama' });
    expect(within(nav).getByRole('link', { name: 'Tindak lanjut' })).toHaveAttribute('aria-current', 'page');

    expect(await screen.findByTestId('followup-summary')).toHaveTextContent(
      '1 terlambat · 1 jatuh tempo 7 hari ke depan · 3 belum selesai',
    );
    const groups = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    // The unit with an overdue action comes first.
    expect(groups).toEqual(['Puskesmas Mawar', 'Dinas Kesehatan']);
    const mawar = screen.getByRole('region', { name: 'Puskesmas Mawar' });
    const cards = within(mawar).getAllByRole('listitem');
    expect(cards[0]).toHaveTextContent('Susun SOP antar obat');
    expect(cards[0]).toHaveTextContent('Terlambat 3 hari');
    expect(cards[1]).toHaveTextContent('Foto sebelum dan sesudah');
    const dinkes = screen.getByRole('region', { name: 'Dinas Kesehatan' });
    expect(within(dinkes).getByText('Jatuh tempo hari ini')).toBeInTheDocument();
  });

  it('groups and filters by person (case-insensitive)', async () => {
    await seed();
    renderApp('/tindak-lanjut');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Kelompokkan menurut'), 'Orang');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Budi', 'Sari']);
    expect(within(screen.getByRole('region', { name: 'Budi' })).getAllByRole('listitem')).toHaveLength(2);

    await user.selectOptions(screen.getByLabelText('Penanggung jawab'), 'Sari');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Sari']);
    await user.selectOptions(screen.getByLabelText('Penanggung jawab'), 'Semua orang');
    await user.selectOptions(screen.getByLabelText('Unit'), 'Dinas Kesehatan');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Budi']);
    const cards = within(screen.getByRole('region', { name: 'Budi' })).getAllByRole('listitem');
    expect(cards.map((li) => li.querySelector('.what')?.textContent)).toEqual(['Rapat dengan kepala dinas']);
  });

  it('marks an action done with one tap: the store holds it, only that entry changed, and undo reopens it', async () => {
    const { store, first } = await seed();
    renderApp('/tindak-lanjut');
    // As if the sessions were already on their way to the server: the next edit gets its own outbox entry.
    await store.markSending((await store.outbox()).map((e) => e.seq));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tandai selesai: Susun SOP antar obat' }));

    await waitFor(async () => {
      const stored = await store.get('session', first.id);
      expect(stored!.actions[ids[0]]).toMatchObject({ status: 'selesai', what: 'Susun SOP antar obat' });
      expect(stored!.actions[ids[1]]!.status).toBe('terbuka');
    });
    // The change is one field path, the action's own map entry (as a sync would push it).
    const entry = (await store.outbox()).find((e) => e.recordId === first.id && e.state === 'pending');
    expect(entry).toMatchObject({ op: 'update' });
    expect(Object.keys(entry!.values)).toEqual([`actions.${ids[0]}`]);

    // Gone from the open list; shown with "Buka lagi" when closed ones are included.
    await waitFor(() => expect(screen.queryByText('Susun SOP antar obat')).not.toBeInTheDocument());
    expect(screen.getByTestId('followup-summary')).toHaveTextContent('0 terlambat');
    await user.click(screen.getByLabelText('Tampilkan juga yang selesai atau batal'));
    expect(
      await screen.findByRole('button', { name: 'Buka lagi: Susun SOP antar obat' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Urungkan' }));
    await waitFor(async () =>
      expect((await store.get('session', first.id))!.actions[ids[0]]!.status).toBe('terbuka'),
    );
  });

  it('says so when there are no follow-ups yet', async () => {
    await freshWorkspace();
    renderApp('/tindak-lanjut');
    expect(
      await screen.findByText('Belum ada tindak lanjut. Tindak lanjut ditambahkan di halaman sesi.'),
    ).toBeInTheDocument();
  });
});
