import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, linkTargets, slug } from './markdown-links';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** README is a front door: what it is, how to start, the tag, privacy, links. The rest is in docs/. */
const README_LIMIT_BYTES = 12 * 1024;

const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(`${ROOT}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('documentation links', () => {
  it.each(documents)('%s: every relative link and anchor resolves', (file) => {
    expect(brokenLinks(ROOT, file)).toEqual([]);
  });

  it('README links every document in docs/', () => {
    const linked = new Set(linkTargets(readFileSync(`${ROOT}README.md`, 'utf8')).map((t) => t.split('#')[0]));
    for (const doc of documents.filter((d) => d.startsWith('docs/'))) expect(linked, doc).toContain(doc);
  });
});

it(`README.md is under ${README_LIMIT_BYTES} bytes`, () => {
  expect(statSync(`${ROOT}README.md`).size).toBeLessThan(README_LIMIT_BYTES);
});

describe('the link checker', () => {
  const doc = [
    '# Run it',
    '## Behind a proxy: `nginx` & Caddy',
    '## Run it',
    'See [the start](#run-it-1), [proxies](#behind-a-proxy-nginx--caddy), [gone](#nowhere),',
    '[the tag](../README.md), [missing](missing.md), [out](../../etc/passwd), [web](https://example.com/x.md).',
    '```md',
    '[an example in code](not-checked.md)',
    '```',
    'and `[inline code](not-checked-either.md)`.',
  ].join('\n');

  it('makes GitHub anchors, numbering repeated headings', () => {
    expect(slug('Ingest: `POST /api/collect`')).toBe('ingest-post-apicollect');
    expect(slug('Identify: tying a visitor to a lead')).toBe('identify-tying-a-visitor-to-a-lead');
    expect([...anchorsOf(doc)]).toEqual(['run-it', 'behind-a-proxy-nginx--caddy', 'run-it-1']);
  });

  it('reports a missing file, a missing anchor and a path outside the repository, and nothing else', () => {
    expect(brokenLinks(ROOT, 'docs/example.md', doc)).toEqual([
      '#nowhere: no heading with that anchor',
      'missing.md: no such file',
      '../../etc/passwd: outside the repository',
    ]);
  });
});
