/**
 * 18 random base-36 characters (~93 bits). `crypto.getRandomValues` works on plain-http pages
 * too, unlike `crypto.randomUUID`. Adding 2^32 fixes every part at 7 digits; the first one, which
 * carries little entropy, is cut.
 */
export const randomId = (): string =>
  Array.from(crypto.getRandomValues(new Uint32Array(3)), (n) => (n + 2 ** 32).toString(36).slice(1)).join('');
