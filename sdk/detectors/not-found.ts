/** This page is marked as "not found" with `<meta name="tp:status" content="404">` (re-read on every route). */
export const notFound = (): boolean => !!document.querySelector('meta[name="tp:status"][content="404"]');
