import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** Text outside fenced code blocks and inline code spans: a link written as an example is not a link. */
export function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/**
 * The anchor GitHub gives a heading: lower case, markup and punctuation removed, spaces turned into
 * hyphens; a repeated heading gets `-1`, `-2` … (see `anchorsOf`).
 */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]{1,3}([^`*_]+)[`*_]{1,3}/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading anchor of a markdown text. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Link targets of inline links and images (`[text](target "title")`), and of reference definitions. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
}

/**
 * Relative links of `file` (a path inside `root`) that lead nowhere: a missing file or folder, a
 * path outside the repository, or an `#anchor` no heading of the target markdown file has.
 * Absolute URLs (`https:`, `mailto:` …) are not checked.
 */
export function brokenLinks(
  root: string,
  file: string,
  markdown = readFileSync(resolve(root, file), 'utf8'),
): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [rawPath = '', anchor] = target.split('#', 2);
    const path = decodeURIComponent(rawPath);
    if (path === '') {
      if (anchor && !anchorsOf(markdown).has(anchor)) broken.push(`${target}: no heading with that anchor`);
      continue;
    }
    const full = resolve(root, dirname(file), path);
    const inside = relative(root, full);
    if (inside.startsWith('..') || resolve(root, inside) !== full) {
      broken.push(`${target}: outside the repository`);
      continue;
    }
    if (!existsSync(full)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor && full.endsWith('.md') && statSync(full).isFile()) {
      if (!anchorsOf(readFileSync(full, 'utf8')).has(anchor))
        broken.push(`${target}: no heading with that anchor`);
    }
  }
  return broken;
}
