import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir: string): number => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

/** `npm test` builds first; a lone `vitest run test/dashboard` rebuilds only when sources are newer. */
export function ensureDashboardBuilt(root = process.cwd()): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist/dashboard/app.js')).mtimeMs;
  } catch {
    /* not built */
  }
  if (built > newest(join(root, 'dashboard'))) return;
  execFileSync('npx', ['rollup', '-c', 'dashboard/rollup.config.mjs', '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
}
