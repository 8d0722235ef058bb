// The layout check every browser e2e test runs on each view it opens: what a person would
// notice, each problem naming the element (a short selector and its text) so it can be
// fixed. Nothing scrolls sideways, no text is cut off without an ellipsis and a way to
// read all of it, open dialogs fit the window, no console or page errors, and axe finds
// no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { recordedErrors } from './open-app.ts';

export interface LayoutCheckOptions {
  /**
   * Run axe too (default true); it is the slow part, so loops may run it once per theme,
   * or only its contrast rule ('contrast') where only the colours changed.
   */
  axe?: boolean | 'contrast';
  /**
   * Console messages this step causes on purpose and the app handles, such as Chromium's
   * "Failed to load resource … 400" for an upload the server refuses; any other still fails.
   */
  expectedErrors?: RegExp[];
}

// Runs in the page (a string: the Node-side tsconfig has no DOM types). Returns one line
// per problem. [Note: what counts as a problem]
// - sideways: a scrolling element (or the document) whose content is wider than it is;
//   named with the descendant that pokes out furthest.
// - cut off: an element with its own text, clipped (overflow hidden/clip), wider or taller
//   than its box without an ellipsis or line clamp.
// - unreadable: an ellipsis or line clamp that hides text, with no title, aria-label or
//   aria-description anywhere up to the view that carries the text.
// - spills: a block with its own text (a long word, a URL) wider than its box and not
//   clipped, so it runs over its neighbours.
// - dialog: an open <dialog> not wholly inside the window.
// Inputs, text areas and selects scroll their own text by design; elements of 2 px or
// less (visually hidden labels) and anything not rendered are skipped.
const inPageCheck = String.raw`(() => {
  const problems = [];
  const slack = 1;
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const name = (el) => {
    if (el === document.documentElement) return 'html';
    if (el === document.body) return 'body';
    const parts = [];
    let node = el;
    for (let depth = 0; node && node.nodeType === 1 && depth < 3; depth += 1) {
      let part = node.tagName.toLowerCase();
      if (node.id) part += '#' + node.id;
      const classes = [...node.classList].slice(0, 2);
      if (classes.length > 0) part += '.' + classes.join('.');
      const label = node.getAttribute('aria-label');
      if (label && depth === 0) part += '[aria-label="' + label.slice(0, 30) + '"]';
      parts.unshift(part);
      if (node.id || node.tagName === 'MAIN' || node.tagName === 'DIALOG') break;
      node = node.parentElement;
    }
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return parts.join(' > ') + (text ? ' "' + (text.length > 40 ? text.slice(0, 40) + '…' : text) + '"' : '');
  };
  const ownText = (el) =>
    [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
  const rendered = (el) => {
    if (el.closest('dialog:not([open]), [hidden], template, svg, canvas')) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && cs.display !== 'contents';
  };
  const skipTags = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'CANVAS', 'IMG', 'VIDEO', 'IFRAME', 'HTML', 'BODY']);
  // Readable when a title or label up to the view holds the words the box shows.
  const words = (text) => (text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) || []);
  const readable = (el) => {
    const shown = words(el.textContent || '').slice(0, 6);
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      for (const attr of ['title', 'aria-label', 'aria-description', 'data-tooltip']) {
        const have = new Set(words(node.getAttribute(attr) || ''));
        if (have.size > 0 && shown.every((w) => have.has(w))) return true;
      }
      if (node.tagName === 'MAIN' || node.tagName === 'DIALOG') break;
    }
    return false;
  };
  // The element to fix: the deepest past the edge that is wider than its own parent (the
  // cause rather than the ancestors it widens), else the one reaching furthest.
  const furthest = (container, limit) => {
    let cause = null;
    let worst = null;
    let worstRight = limit;
    for (const child of container.querySelectorAll('*')) {
      if (!rendered(child)) continue;
      // Its box, or the text that runs out of it (a long word, a URL).
      const r = child.getBoundingClientRect();
      const spills = getComputedStyle(child).overflowX === 'visible';
      const width = spills ? Math.max(r.width, child.scrollWidth) : r.width;
      const right = r.left + width;
      if (right <= limit + slack) continue;
      const parent = child.parentElement;
      const wider = parent && width > parent.clientWidth + slack && getComputedStyle(parent).display !== 'inline';
      if (wider && (cause === null || cause.contains(child))) cause = child;
      if (right > worstRight + slack) {
        worst = child;
        worstRight = right;
      }
    }
    return cause || worst;
  };
  const doc = document.documentElement;
  if (doc.scrollWidth > vw + slack) {
    const culprit = furthest(document.body, vw);
    problems.push('sideways: the page is ' + doc.scrollWidth + ' px wide in a ' + vw + ' px window' + (culprit ? '; widest: ' + name(culprit) : ''));
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (skipTags.has(el.tagName) || !rendered(el)) continue;
    const cs = getComputedStyle(el);
    const wide = el.scrollWidth > el.clientWidth + slack && el.clientWidth > 0;
    const tall = el.scrollHeight > el.clientHeight + slack && el.clientHeight > 0;
    const clippedX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    const clippedY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    const clamp = cs.webkitLineClamp && cs.webkitLineClamp !== 'none';
    if (wide && (cs.overflowX === 'auto' || cs.overflowX === 'scroll')) {
      const culprit = furthest(el, el.getBoundingClientRect().right);
      problems.push('sideways: ' + name(el) + ' holds ' + el.scrollWidth + ' px in ' + el.clientWidth + ' px' + (culprit ? '; widest: ' + name(culprit) : ''));
      continue;
    }
    // A decorative copy (the text box's highlight mirror) clips as its original scrolls.
    const hasText = ownText(el) && !el.closest('[aria-hidden="true"]');
    if (cs.textOverflow === 'ellipsis' && wide && clippedX) {
      if (!readable(el)) problems.push('unreadable: ' + name(el) + ' ends in an ellipsis with no title or label holding its text');
      continue;
    }
    if (clamp && tall) {
      if (!readable(el)) problems.push('unreadable: ' + name(el) + ' is clamped to ' + cs.webkitLineClamp + ' lines with no title or label holding its text');
      continue;
    }
    if (!hasText) continue;
    if ((wide && clippedX) || (tall && clippedY && cs.display !== 'inline')) {
      problems.push('cut off: ' + name(el) + ' is ' + (wide ? el.scrollWidth + ' px wide in ' + el.clientWidth : el.scrollHeight + ' px tall in ' + el.clientHeight) + ' px, clipped without an ellipsis');
      continue;
    }
    if (wide && !clippedX && cs.display !== 'inline' && cs.overflowX === 'visible') {
      problems.push('spills: ' + name(el) + ' has text ' + el.scrollWidth + ' px wide in a ' + el.clientWidth + ' px box');
    }
  }
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    const r = dialog.getBoundingClientRect();
    if (r.left < -slack || r.top < -slack || r.right > vw + slack || r.bottom > vh + slack) {
      problems.push('dialog: ' + name(dialog) + ' spans ' + Math.round(r.left) + '–' + Math.round(r.right) + ' × ' + Math.round(r.top) + '–' + Math.round(r.bottom) + ' in a ' + vw + '×' + vh + ' window');
    }
  }
  return problems;
})()`;

const reported = new WeakMap<Page, number>();

/** Every problem the check finds on the page as it is now, one line each. */
export async function findLayoutProblems(
  page: Page,
  options: LayoutCheckOptions = {},
): Promise<string[]> {
  const problems = await page.evaluate<string[]>(inPageCheck);
  // Errors since the last check on this page: one error is reported once, where it happened.
  const errors = recordedErrors(page);
  const expected = options.expectedErrors ?? [];
  problems.push(
    ...errors.slice(reported.get(page) ?? 0).filter((e) => !expected.some((re) => re.test(e))),
  );
  reported.set(page, errors.length);
  const axe = options.axe ?? true;
  if (axe !== false) {
    const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
    if (axe === 'contrast') builder.withRules(['color-contrast']);
    // Contrast is judged on what settles on screen: a toast that appears while axe reads
    // the page would be measured half-faded in. Reduced motion turns its fade off.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const result = await builder
      .analyze()
      .finally(() => page.emulateMedia({ reducedMotion: null }));
    for (const violation of result.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      const targets = violation.nodes
        .slice(0, 5)
        .map((node) => node.target.join(' '))
        .join(', ');
      problems.push(
        `axe ${violation.impact}: ${violation.id} (${violation.help}) at ${targets}` +
          (violation.nodes.length > 5 ? ` and ${String(violation.nodes.length - 5)} more` : ''),
      );
    }
  }
  return problems;
}

/**
 * Fails (throws) with every problem found, labelled with `where` (the view, size and
 * theme), so one run lists all there is to fix.
 */
export async function checkLayout(
  page: Page,
  where: string,
  options: LayoutCheckOptions = {},
): Promise<void> {
  const problems = await findLayoutProblems(page, options);
  if (problems.length > 0) {
    const viewport = page.viewportSize();
    const size =
      viewport === null ? '' : ` at ${String(viewport.width)}×${String(viewport.height)}`;
    throw new Error(
      `Layout check failed on ${where}${size}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
