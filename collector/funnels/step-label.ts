import type { FunnelStepCondition } from '../model';

/** A short human label for a step: `form_submit`, `pageview /pricing*`, `call_click [phone=…]`. */
export function stepLabel(c: FunnelStepCondition & { label?: string }): string {
  if (c.label) return c.label;
  if (c.landing !== undefined) return `landed on ${c.landing}`;
  const names = (c.names ?? ['pageview']).join(' | ');
  const page = c.page ? ` ${c.page}` : '';
  const props = c.props?.length
    ? ` [${c.props.map((p) => `${p.key} ${p.op} ${p.value ?? ''}`.trim()).join(', ')}]`
    : '';
  return `${names}${page}${props}`;
}
