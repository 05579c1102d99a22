/** A page marked as "not found" with `<meta name="tp:status" content="404">` (re-read on every route). */
export const notFound = (doc: Document): boolean =>
  doc.querySelector('meta[name="tp:status"]')?.getAttribute('content') == '404';
