/**
 * Page patterns: `*` matches any run of characters, everything else literally, anchored at both
 * ends (`/blog/*` matches `/blog/a/b`, not `/blog`). Case-sensitive, like paths.
 */
export function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** The same pattern as an SQLite GLOB operand (GLOB is case-sensitive; `?` and `[` escaped). */
export function patternToGlob(pattern: string): string {
  return pattern.replace(/[?[]/g, (ch) => `[${ch}]`);
}

/** Patterns starting with a scheme match the full URL, others the path. */
export const matchesUrl = (pattern: string): boolean => /^https?:\/\//i.test(pattern);
