import { seededRandom } from '../../bench/funnel-random';
import { CHROME_UA } from './seed';
import { type SpawnedCollector, spawnCollector } from './spawn-collector';

export type CollectorProcess = SpawnedCollector;

/**
 * `touchpoint start` as a child process on a free port; resolves once it listens. Rate limits are
 * off unless `args` sets them: the harnesses drive one site from one address on purpose.
 */
export const startCollector = (
  dbPath: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<CollectorProcess> =>
  spawnCollector(dbPath, ['--rate-limit-ip', '0', '--rate-limit-site', '0', ...args], {
    TOUCHPOINT_ADMIN_PASSWORD: 'reliability-harness-password',
    ...env,
  });

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with its seed. */
export const seeded = seededRandom;

/** POST a batch of events with the given ids to /api/collect. */
export function postBatch(url: string, site: string, ids: string[]): Promise<Response> {
  const body = JSON.stringify({
    s: site,
    e: ids.map((i, n) => ({ i, n: n % 3 ? 'call_click' : 'pageview', u: 'http://localhost/p' })),
  });
  return fetch(`${url}/api/collect`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
  });
}
