/**
 * A small History API router: the current path is a rune, `navigate()` pushes (or replaces) a history entry,
 * `popstate` (the back button) updates the path, and clicks on same-origin `<a href="/...">` links are handled
 * without a page load. Screens are chosen from `route` by the shell.
 */
import { matchPath, type Route } from './routes';

export class Router {
  #path = $state('/');
  #hash = $state('');
  /** Changes whenever another screen is shown; a record getting its own address keeps the screen (`rename`). */
  #screen = $state(0);
  #navigatedInApp = false;
  #route = $derived<Route>(matchPath(this.#path));
  #started = false;

  get path(): string {
    return this.#path;
  }

  /** The address's `#part` ('' for none): a link can ask a screen for one of its parts (`/akun#keluar`). */
  get hash(): string {
    return this.#hash;
  }

  get route(): Route {
    return this.#route;
  }

  /** Which screen instance is shown: the shell re-mounts the screen when this changes. */
  get screen(): number {
    return this.#screen;
  }

  /** True once the user moved inside the app (screens then move focus to their heading). */
  get navigated(): boolean {
    return this.#navigatedInApp;
  }

  /** Starts listening to the browser; returns the function that stops it. */
  start(): () => void {
    if (this.#started) return () => {};
    this.#started = true;
    this.#setPath(location.pathname);
    this.#hash = location.hash;
    const onPop = () => {
      this.#setPath(location.pathname);
      this.#hash = location.hash;
    };
    const onClick = (event: MouseEvent) => this.#handleClick(event);
    window.addEventListener('popstate', onPop);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPop);
      document.removeEventListener('click', onClick);
      this.#started = false;
    };
  }

  navigate(path: string, opts: { replace?: boolean } = {}): void {
    if (opts.replace) history.replaceState(null, '', path);
    else if (path !== location.pathname) {
      history.pushState(null, '', path);
      this.#navigatedInApp = true;
    }
    this.#setPath(path.split(/[?#]/)[0] || '/');
    const hashAt = path.indexOf('#');
    this.#hash = hashAt === -1 ? '' : path.slice(hashAt);
  }

  /**
   * Gives the screen on show its own address without re-mounting it (a new session gets `/sesi/<id>` once its
   * first input creates it, while the person goes on typing): replaces the history entry, keeps the screen.
   */
  rename(path: string): void {
    history.replaceState(null, '', path);
    this.#path = path.split(/[?#]/)[0] || '/';
  }

  #setPath(path: string): void {
    if (path !== this.#path) this.#screen++;
    this.#path = path;
  }

  /** For tests: forget in-app history. */
  reset(): void {
    this.#navigatedInApp = false;
    this.#setPath(typeof location === 'undefined' ? '/' : location.pathname);
    this.#hash = typeof location === 'undefined' ? '' : location.hash;
  }

  back(fallback: string): void {
    // A deep link opened fresh has no in-app entry to go back to: go to the parent page instead.
    if (this.#navigatedInApp) history.back();
    else this.navigate(fallback, { replace: true });
  }

  #handleClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const href = anchor.getAttribute('href');
    if (!href?.startsWith('/') || href.startsWith('//')) return;
    event.preventDefault();
    this.navigate(href);
  }
}

export const router = new Router();
