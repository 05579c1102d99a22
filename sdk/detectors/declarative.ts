import type { Props, Touch } from '../types.js';

const PREFIX = 'data-tp-prop-';

/** `data-tp-event="name"` plus `data-tp-prop-KEY="value"`: a custom event without JavaScript. */
export const declarative = (el: Element): Touch | false => {
  const name = el.getAttribute('data-tp-event');
  const props: Props = {};
  for (const { name: attr, value } of el.attributes) if (attr.startsWith(PREFIX)) props[attr.slice(PREFIX.length)] = value;
  return !!name && [name, props];
};
