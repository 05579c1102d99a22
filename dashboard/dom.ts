/** A child of `h()`: strings and numbers become text nodes, so data can never become markup. */
export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | undefined | null | ((e: Event) => void);
export type Attrs = Record<string, AttrValue>;

/** Links and form targets we set are our own routes or http(s); anything else (javascript:) is dropped. */
const SAFE_URL = /^(#|\/(?!\/)|https?:\/\/)/i;

/**
 * Creates an element; `on*` keys add listeners, `class` sets className, booleans toggle attributes.
 * There is deliberately no way to pass HTML: every string goes through text nodes or setAttribute.
 *
 * @example h('p', { class: 'note' }, 'Visitors: ', 42)
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, val] of Object.entries(attrs)) {
    if (val === undefined || val === null || val === false) continue;
    if (typeof val === 'function') el.addEventListener(k.slice(2).toLowerCase(), val);
    else if (k === 'class') el.className = String(val);
    else if (val === true) el.setAttribute(k, '');
    else if ((k === 'href' || k === 'src' || k === 'action') && !SAFE_URL.test(String(val))) continue;
    else el.setAttribute(k, String(val));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's content. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}
