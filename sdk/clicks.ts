import { callClick } from './detectors/call-click.js';
import { emailClick } from './detectors/email-click.js';
import { linkClick } from './detectors/link-click.js';
import { TAGGED, tagged } from './detectors/tagged.js';
import { on } from './guard.js';
import type { Emit } from './types.js';

/**
 * One listener for every click touchpoint. A tagged element (not a form: forms count on submit)
 * wins over the link detectors, so a tagged `tel:` link is counted once. Middle clicks (auxclick,
 * button 1) open links too; right clicks (button 2) do not. Nothing here ever cancels the click.
 */
export const watchClicks = (emit: Emit): void =>
  on<MouseEvent>('click auxclick', (e) => {
    const target = e.target as Element;
    const el = target.closest(TAGGED) as HTMLElement | null;
    // <a> and <area> read like URLs (protocol, host, pathname), so no URL is parsed; other elements
    // with an href have no protocol and match no link detector.
    const link = target.closest('[href]') as HTMLAnchorElement | null;
    const found =
      e.button < 2 &&
      ((el && el.localName != 'form' && tagged(el)) ||
        (link && (callClick(link) || emailClick(link) || linkClick(link))));
    if (found) emit(...found);
  });
