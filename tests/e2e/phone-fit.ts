/**
 * What "fits a 360 px phone" means, checked in the page: the page is no wider than the screen, no visible element
 * leaves the screen sideways, and every visible control is a touch target of at least 48 x 48 px. Used by the
 * test that visits every screen (phone-fit.test.ts); each offence names the element so it can be found.
 *
 * Two choices, said here so they are not rediscovered: a checkbox or radio button is judged by its label when it
 * sits in one (the label is what a thumb taps, and it toggles the box); a link inside running text (a paragraph
 * with words of its own around it) is exempt, as WCAG 2.5.8 exempts inline links. Elements hidden for sight on
 * purpose (`.visually-hidden`, the skip link until focused) are not looked at.
 */
import type { Page } from 'playwright-core';

export const MIN_TARGET = 48;

/** Runs in the page: every offence as one line. */
function offencesInPage(minTarget: number): string[] {
  const out: string[] = [];
  const width = window.innerWidth;
  const describe = (el: Element): string => {
    const id = el.id ? `#${el.id}` : '';
    const cls = el.classList.length
      ? `.${[...el.classList].filter((c) => !c.startsWith('svelte-')).join('.')}`
      : '';
    const words = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `<${el.tagName.toLowerCase()}${id}${cls === '.' ? '' : cls}> "${words.slice(0, 50)}"`;
  };
  const hiddenOnPurpose = (el: Element) => el.closest('.visually-hidden, .skip-link:not(:focus)') !== null;
  const visible = (el: Element): boolean => {
    if (hiddenOnPurpose(el)) return false;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };

  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width) out.push(`the page is ${pageWidth} px wide on a ${width} px screen`);

  // The outermost element that leaves the screen is enough: its children go with it.
  const leaving = new Set<Element>();
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left >= -1 && r.right <= width + 1) continue;
    leaving.add(el);
    if (el.parentElement && leaving.has(el.parentElement)) continue;
    out.push(`leaves the screen (x ${Math.round(r.left)} to ${Math.round(r.right)}): ${describe(el)}`);
  }

  const inRunningText = (el: Element): boolean =>
    el.tagName === 'A' &&
    [...(el.parentElement?.childNodes ?? [])].some(
      (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
    );
  const controls = document.body.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"]',
  );
  for (const el of controls) {
    if (!visible(el) || inRunningText(el)) continue;
    const box =
      el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
        ? (el.labels?.[0] ?? el)
        : el;
    const r = box.getBoundingClientRect();
    if (r.width + 0.5 < minTarget || r.height + 0.5 < minTarget)
      out.push(`touch target ${Math.round(r.width)} x ${Math.round(r.height)} px: ${describe(el)}`);
  }
  return out;
}

export function phoneOffences(page: Page): Promise<string[]> {
  return page.evaluate(offencesInPage, MIN_TARGET);
}
