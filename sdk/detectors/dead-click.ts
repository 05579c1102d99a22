import { describeElement } from '../describe-element.js';
import { on } from '../guard.js';
import type { Track } from '../types.js';

/** How long a touchpoint element has to show that its click did something. */
export const DEAD_MS = 1e3;

/** Touchpoint elements: what the site tagged, and links. */
const TOUCHPOINT = '[data-tp],[data-tp-event],a[href],area[href]';

/** The SDK's own requests are no answer to a click. */
const OWN_REQUEST = /\/api\/collect$/;

/** The Navigation API (Chromium): announces a navigation as it starts, before the old page goes. */
type Navigation = { addEventListener(type: 'navigate', listener: () => void): void };

/**
 * dead_click: a click on a touchpoint element after which, for DEAD_MS, nothing happens: no change
 * to the page (DOM, URL, scroll, focus), no request, no navigation, no form submit or validation
 * message. Sends the element's description (describe-element.ts); the page is the event's URL.
 *
 * Judged only where a click is meant to do something on this page: a link whose default action
 * runs (not cancelled by the page, not `javascript:`) leads somewhere (a page, a tab, a download,
 * an anchor) and is never dead; a link to another scheme (tel:, mailto:, messenger apps) hands over
 * to an app the page cannot see. Buttons the site did not tag are left alone: many legitimately
 * change nothing the page can see (play, print, a stepper that sets a field's value).
 *
 * Requests are seen as they start, by wrapping fetch and XMLHttpRequest (resource timing lists a
 * request only once it finished, and a slow answer is still an answer). The DOM is watched only
 * while a click is being judged. Repeated clicks on an element being judged are one dead click.
 */
export const watchDeadClicks = (track: Track, w: any = window): void => {
  // Bumped by anything that answers a click; a click is dead when it did not move.
  let changes = 0;
  const changed = () => changes++;
  const judging = new Set<Element>();
  const observer = new MutationObserver(changed);

  const fetch = w.fetch;
  if (fetch)
    w.fetch = function (this: unknown, ...args: unknown[]) {
      if (!OWN_REQUEST.test(String(args[0]))) changed();
      return fetch.apply(this, args);
    };
  const send = w.XMLHttpRequest?.prototype.send;
  if (send)
    w.XMLHttpRequest.prototype.send = function (this: unknown, ...args: unknown[]) {
      changed();
      return send.apply(this, args);
    };
  (w.navigation as Navigation | undefined)?.addEventListener('navigate', changed);
  on('scroll focusin submit invalid hashchange popstate pagehide', changed);

  on<MouseEvent>('click', (e) => {
    const el = (e.target as Element).closest(TOUCHPOINT);
    if (!el || judging.has(el)) return;
    const link = el.closest('a[href],area[href]') as HTMLAnchorElement | null;
    if (link && !/^(https?|javascript):$/.test(link.protocol)) return;
    const before = changes;
    const href = location.href;
    judging.add(el);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => {
      judging.delete(el);
      if (!judging.size) observer.disconnect();
      // Read now: the page's own handlers ran after this capture-phase listener.
      const led = link && !e.defaultPrevented && link.protocol != 'javascript:';
      if (!led && changes == before && location.href == href)
        track('dead_click', { element: describeElement(el) });
    }, DEAD_MS);
  });
};
