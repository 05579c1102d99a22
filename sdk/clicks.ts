import { callClick } from './detectors/call-click.js';
import { emailClick } from './detectors/email-click.js';
import { fileDownload } from './detectors/file-download.js';
import { messengerClick } from './detectors/messenger-click.js';
import { outboundClick } from './detectors/outbound-click.js';
import { TAGGED, tagged } from './detectors/tagged.js';
import { on } from './guard.js';
import type { Emit } from './types.js';

/**
 * One click listener for every click touchpoint. A tagged element (not a form: forms count on
 * submit) wins over the link detectors, so a tagged `tel:` link is counted once. Middle clicks
 * (auxclick, button 1) open links too. Nothing here ever cancels the click.
 */
export const watchClicks = (emit: Emit): void => {
  const click = (e: MouseEvent) => {
    const target = e.target as Element;
    const el = target.closest(TAGGED);
    const touch = el && el.localName != 'form' && tagged(el);
    if (touch) return emit(...touch);
    const link = target.closest('a[href],area[href]') as HTMLAnchorElement | null;
    if (!link) return;
    const url = new URL(link.href);
    const found = callClick(url) || emailClick(url) || messengerClick(url) || fileDownload(url, link) || outboundClick(url);
    found && emit(...found);
  };
  on('click', click);
  on<MouseEvent>('auxclick', (e) => e.button == 1 && click(e));
};
