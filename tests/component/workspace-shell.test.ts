import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

describe('shell and router', () => {
  it('renders home with landmarks and navigates by link', async () => {
    await freshWorkspace();
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Beranda' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Navigasi utama' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'Sesi' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Sesi pendampingan' });
    expect(location.pathname).toBe('/sesi');
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('link', { name: 'Sesi' })).toHaveAttribute('aria-current', 'page');
  });
});
