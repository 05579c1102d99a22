import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Imports flow one way: routes → reports → queries → storage → db. A layer that imports the one
// above it ties the lower code to HTTP (or to one storage engine) and makes it hard to reuse.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const posix = (p: string) => p.split(sep).join('/');

/** One import: the importing file and what it names (a repo path for relative imports, else the package). */
interface Edge {
  file: string;
  target: string;
}

const under =
  (...dirs: string[]) =>
  (path: string) =>
    dirs.some((d) => path.startsWith(`collector/${d}/`));
const oneOf =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);

const HTTP_SIDE = (t: string) =>
  under('routes', 'middleware', 'http', 'auth', 'commands')(t) ||
  oneOf('collector/app.ts', 'collector/deps.ts', 'collector/server.ts')(t);

interface Rule {
  name: string;
  applies: (file: string) => boolean;
  forbids: (target: string) => boolean;
}

const RULES: Rule[] = [
  {
    name: 'only collector/routes/ and collector/app.ts import routes/',
    applies: (f) => f.startsWith('collector/') && !under('routes')(f) && f !== 'collector/app.ts',
    forbids: under('routes'),
  },
  {
    name: 'store/ and blocks/ import nothing from queries/ or reports/',
    applies: under('store', 'blocks'),
    forbids: under('queries', 'reports'),
  },
  {
    name: 'queries/ imports only the result types (reports/types.ts) from reports/',
    applies: under('queries'),
    forbids: (t) => under('reports')(t) && t !== 'collector/reports/types.ts',
  },
  {
    name: 'collector/model.ts imports nothing',
    applies: oneOf('collector/model.ts'),
    forbids: () => true,
  },
  {
    name: 'the layers below HTTP never import routes/, middleware/, http/, auth/, commands/, app.ts, deps.ts or server.ts',
    applies: under(
      'queries',
      'blocks',
      'store',
      'ingest',
      'conditions',
      'funnels',
      'scorecard',
      'attribution',
      'alerts',
      'shared-config',
      'db',
    ),
    forbids: HTTP_SIDE,
  },
  {
    name: 'collector/ never imports from dashboard/ or test/',
    applies: (f) => f.startsWith('collector/'),
    forbids: (t) => t.startsWith('dashboard/') || t.startsWith('test/'),
  },
];

/** Every import that breaks a rule, as `rule: file → target`. */
function violations(edges: readonly Edge[]): string[] {
  return RULES.flatMap((r) =>
    edges
      .filter((e) => r.applies(e.file) && r.forbids(e.target))
      .map((e) => `${r.name}: ${e.file} → ${e.target}`),
  );
}

const SOURCE = /\.(ts|mts|mjs)$/;
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) ? [path] : [];
  });

/** The repo file a relative import names (`../blocks` is `collector/blocks/index.ts`). */
function resolveImport(fromFile: string, spec: string): string {
  const base = join(dirname(fromFile), spec);
  const bare = base.replace(/\.(js|ts|mjs|mts)$/, '');
  const found = [base, `${bare}.ts`, `${bare}.mts`, `${bare}.mjs`, join(base, 'index.ts')].find(
    (p) => existsSync(p) && statSync(p).isFile(),
  );
  return posix(relative(ROOT, found ?? base));
}

/** Every import, re-export and dynamic import() of every collector source file. */
function collectorImports(): Edge[] {
  return walk(join(ROOT, 'collector')).flatMap((path) => {
    const file = posix(relative(ROOT, path));
    return ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map(({ fileName }) => ({
      file,
      target: fileName.startsWith('.') ? resolveImport(path, fileName) : fileName,
    }));
  });
}

describe('collector layers', () => {
  it('every collector import goes in an allowed direction', () => {
    const edges = collectorImports();
    // The scan sees the imports (a broken parser would find nothing to object to).
    expect(edges).toContainEqual({ file: 'collector/app.ts', target: 'collector/routes/collect.ts' });
    expect(edges).toContainEqual({
      file: 'collector/store/event-writer.ts',
      target: 'collector/blocks/index.ts',
    });
    expect(violations(edges)).toEqual([]);
  });

  it('the rules catch what they forbid and let the rest through', () => {
    const edge = (file: string, target: string): Edge => ({ file, target });
    expect(
      violations([
        edge('collector/app.ts', 'collector/routes/collect.ts'),
        edge('collector/routes/goals.ts', 'collector/routes/site-of.ts'),
        edge('collector/reports/sqlite-reports.ts', 'collector/queries/get-funnel.ts'),
        edge('collector/queries/get-funnel.ts', 'collector/reports/types.ts'),
        edge('collector/queries/get-funnel.ts', 'collector/blocks/index.ts'),
        edge('collector/db/open-database.ts', 'better-sqlite3'),
      ]),
    ).toEqual([]);
    expect(
      violations([
        edge('collector/middleware/rate-limit.ts', 'collector/routes/site-of.ts'),
        edge('collector/blocks/block-packer.ts', 'collector/queries/get-funnel.ts'),
        edge('collector/store/sites.ts', 'collector/reports/types.ts'),
        edge('collector/queries/get-funnel.ts', 'collector/reports/sqlite-reports.ts'),
        edge('collector/model.ts', 'valibot'),
        edge('collector/ingest/enrich-batch.ts', 'collector/deps.ts'),
        edge('collector/goals/goal-store.ts', 'dashboard/state.ts'),
      ]),
    ).toEqual([
      'only collector/routes/ and collector/app.ts import routes/: collector/middleware/rate-limit.ts → collector/routes/site-of.ts',
      'store/ and blocks/ import nothing from queries/ or reports/: collector/blocks/block-packer.ts → collector/queries/get-funnel.ts',
      'store/ and blocks/ import nothing from queries/ or reports/: collector/store/sites.ts → collector/reports/types.ts',
      'queries/ imports only the result types (reports/types.ts) from reports/: collector/queries/get-funnel.ts → collector/reports/sqlite-reports.ts',
      'collector/model.ts imports nothing: collector/model.ts → valibot',
      'the layers below HTTP never import routes/, middleware/, http/, auth/, commands/, app.ts, deps.ts or server.ts: collector/ingest/enrich-batch.ts → collector/deps.ts',
      'collector/ never imports from dashboard/ or test/: collector/goals/goal-store.ts → dashboard/state.ts',
    ]);
  });
});
