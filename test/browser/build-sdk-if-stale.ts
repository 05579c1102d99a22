import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** dist/t.js older than any SDK source (or missing): rebuild it and its chunks before testing them. */
export const buildSdkIfStale = (): void => {
  const built = statSync('dist/t.js', { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const stale = readdirSync('sdk', { recursive: true, encoding: 'utf8' }).some(
    (f) => statSync(join('sdk', f)).mtimeMs > built,
  );
  if (stale) execFileSync('npx', ['rollup', '-c', 'sdk/rollup.config.mjs', '--silent'], { stdio: 'inherit' });
};
