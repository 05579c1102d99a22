import type { Props, Touch } from '../types.js';
import { customName } from '../wire.js';

/** `data-tp-event="name"` plus `data-tp-prop-KEY="value"`: a custom event without JavaScript. */
export const declarative = (el: HTMLElement): Touch | false => {
  const name = el.dataset.tpEvent;
  const props: Props = {};
  // Attributes, not dataset: dataset would camel-case `data-tp-prop-seat-count` into `seatCount`.
  const prefix = 'data-tp-prop-';
  for (const { name: attr, value } of el.attributes)
    if (attr.startsWith(prefix)) props[attr.slice(prefix.length)] = value;
  return !!name && [customName(name), props];
};
