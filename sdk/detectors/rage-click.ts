import { describeElement } from '../describe-element.js';
import { on } from '../guard.js';
import type { Track } from '../types.js';

/** A rage click: this many clicks within RAGE_MS on one element, or within RAGE_PX of one spot. */
export const RAGE_CLICKS = 3;
export const RAGE_MS = 1e3;
export const RAGE_PX = 30;

/** What a click is aimed at: the nearest element that takes clicks, else the element itself. */
export const CLICKABLE =
  'a,button,input,select,textarea,label,summary,[role=button],[onclick],[data-tp],[data-tp-event]';

/** Fields one types into, where a double or triple click selects a word or all of the text. */
const TEXT_FIELD =
  'textarea,input:not([type=button],[type=submit],[type=reset],[type=image],[type=checkbox],[type=radio],[type=file])';

type Click = { at: number; x: number; y: number; el: Element };

/**
 * rage_click, once per burst of clicks (a burst ends after a pause of RAGE_MS), with the element's
 * description (describe-element.ts); the page is the event's URL. Not counted: clicks a script made
 * (`el.click()`) or the keyboard (no click count, no position), and clicks that select text: in
 * a text field, or outside anything that takes clicks (a triple click selects a paragraph).
 */
export const watchRageClicks = (track: Track): void => {
  let recent: Click[] = [];
  let reported = false;
  on<MouseEvent>('click', (e) => {
    const target = e.target as Element;
    const clickable = target.closest(CLICKABLE);
    if (!e.detail || (!clickable && !getSelection()?.isCollapsed)) return;
    const el = clickable || target;
    if (el.matches(TEXT_FIELD)) return;
    const click = { at: e.timeStamp, x: e.clientX, y: e.clientY, el };
    recent = recent.filter((c) => click.at - c.at < RAGE_MS);
    if (!recent[0]) reported = false;
    recent.push(click);
    const aimed = recent.filter((c) => c.el == el || Math.hypot(c.x - click.x, c.y - click.y) < RAGE_PX);
    if (aimed.length < RAGE_CLICKS || reported) return;
    reported = true;
    track('rage_click', { element: describeElement(el) });
  });
};
