import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimitFromFlags } from '../../collector/commands/rate-limit-flags';
import { BucketMap } from '../../collector/middleware/bucket-map';
import { RateLimits } from '../../collector/middleware/rate-limits';
import { take } from '../../collector/middleware/token-bucket';
import { createSite } from '../../collector/store/sites';
import { startCollector } from '../support/collector-process';
import { batch, CHROME_UA } from '../support/seed';
import { cliSiteAdd } from '../support/spawn-collector';
import { type TestApp as ReliabilityApp, reliabilityApp } from '../support/test-app';
import { auditFile } from './audit-file';

let t: ReliabilityApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('token bucket', () => {
  it('spends the burst, then refills at the rate, and says how long to wait', () => {
    const rate = { perSecond: 10, burst: 3 };
    const b = { tokens: 3, at: 0 };
    expect([take(b, rate, 0), take(b, rate, 0), take(b, rate, 0)]).toEqual([0, 0, 0]);
    expect(take(b, rate, 0)).toBe(100);
    expect(take(b, rate, 50)).toBe(50);
    expect(take(b, rate, 100)).toBe(0);
    // Refill stops at the burst, however long the quiet spell.
    take(b, rate, 1_000_000);
    expect(b.tokens).toBe(2);
  });

  it('a clock stepping back neither drains nor overfills a bucket', () => {
    const rate = { perSecond: 1, burst: 2 };
    const b = { tokens: 1, at: 10_000 };
    expect(take(b, rate, 5_000)).toBe(0);
    expect(b.tokens).toBe(0);
    expect(b.at).toBe(10_000);
  });
});

describe('bucket map memory', () => {
  it('an IP-spraying flood keeps at most maxKeys buckets', () => {
    const m = new BucketMap({ perSecond: 1, burst: 5, maxKeys: 1000 });
    for (let i = 0; i < 50_000; i++) m.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 0);
    expect(m.size).toBe(1000);
  });

  it('forgets buckets that have refilled: a quiet server holds nothing', () => {
    const m = new BucketMap({ perSecond: 10, burst: 10 });
    for (let i = 0; i < 500; i++) m.take(`ip-${i}`, 0);
    expect(m.size).toBe(500);
    m.take('late', 1000); // one token refills in 100 ms, all of them within a second
    expect(m.size).toBe(1);
  });

  it('dropping the oldest busy bucket never refuses the key being asked about', () => {
    const m = new BucketMap({ perSecond: 1, burst: 1, maxKeys: 2 });
    expect(m.take('a', 0)).toBe(0);
    expect(m.take('b', 0)).toBe(0);
    expect(m.take('c', 0)).toBe(0);
    expect(m.size).toBe(2);
    expect(m.take('c', 0)).toBeGreaterThan(0);
  });

  it('refuses a nonsense configuration', () => {
    expect(() => new BucketMap({ perSecond: 0, burst: 1 })).toThrow(/perSecond > 0/);
  });
});

describe('flags', () => {
  it('parses rates, 0 turns a limit off, a bad value names the flag', () => {
    expect(rateLimitFromFlags('5', undefined)).toEqual({ ipPerSecond: 5 });
    const off = new RateLimits(rateLimitFromFlags('0', '0'));
    expect([off.ip, off.site]).toEqual([null, null]);
    const five = new RateLimits({ ipPerSecond: 5 });
    expect(five.ip?.limit).toEqual({ perSecond: 5, burst: 20 });
    expect(() => rateLimitFromFlags('-1', undefined)).toThrow(/--rate-limit-ip/);
    expect(() => rateLimitFromFlags(undefined, 'lots')).toThrow(/--rate-limit-site/);
  });
});

describe('floods on /api/collect', () => {
  it('one IP at 10x its limit gets 429 + Retry-After, while a second IP sees no error', async () => {
    let clock = 1_000_000;
    t = reliabilityApp({ rateLimit: { ipPerSecond: 10, ipBurst: 10, sitePerSecond: 0 }, now: () => clock });
    const a: number[] = [];
    const b: number[] = [];
    let retryAfter: string | null = null;
    let body: { error: string; field: string; limit: number } | undefined;
    // One virtual second: the flooder sends 100 (10x the rate), the neighbour 5 (within it).
    for (let i = 0; i < 100; i++) {
      const r = await t.collect(batch(t.site.publicId), '198.51.100.1');
      a.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get('retry-after');
        body = (await r.json()) as typeof body;
        expect(r.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
      }
      if (i % 20 === 0) b.push((await t.collect(batch(t.site.publicId), '198.51.100.2')).status);
      clock += 10;
    }
    const ok = a.filter((s) => s === 200).length;
    // burst 10 + 10/s refill over one second: about 20 get through, the other ~80 are refused.
    expect(ok).toBeGreaterThanOrEqual(19);
    expect(ok).toBeLessThanOrEqual(21);
    expect(a.filter((s) => s === 429).length).toBe(100 - ok);
    expect(b).toEqual([200, 200, 200, 200, 200]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(body).toMatchObject({ field: 'ip', limit: 10 });
    expect(body!.error).toMatch(/at most 10 per second/);
    // Refused requests stored nothing; the accepted ones are all there.
    expect(t.count()).toBe(ok + b.length);
    // Waiting as told gets the flooder through again.
    clock += Number(retryAfter) * 1000;
    expect((await t.collect(batch(t.site.publicId), '198.51.100.1')).status).toBe(200);
  });

  it('a refused request is refused before its body is read: junk is 429 too, not 400', async () => {
    const clock = 5_000;
    t = reliabilityApp({ rateLimit: { ipPerSecond: 1, ipBurst: 1, sitePerSecond: 0 }, now: () => clock });
    expect((await t.collect('{not json', '198.51.100.9')).status).toBe(400);
    expect((await t.collect('{not json', '198.51.100.9')).status).toBe(429);
  });

  it('per-site bucket: a flooded site answers 429 to every IP, another site on the same collector does not notice', async () => {
    let clock = 0;
    t = reliabilityApp({ rateLimit: { ipPerSecond: 0, sitePerSecond: 5, siteBurst: 5 }, now: () => clock });
    const other = createSite(t.db, { domain: 'localhost', countBots: true });
    const flooded: number[] = [];
    const calm: number[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await t.collect(batch(t.site.publicId), `192.0.2.${i}`);
      flooded.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('1');
        expect(await r.json()).toMatchObject({ field: 's', limit: 5 });
      }
      if (i % 10 === 0) calm.push((await t.collect(batch(other.publicId), '192.0.2.200')).status);
      clock += 20;
    }
    // burst 5 + 5/s over the 0.98 s the flood lasts.
    const ok = flooded.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThanOrEqual(9);
    expect(ok).toBeLessThanOrEqual(10);
    expect(flooded.filter((s) => s === 429).length).toBe(50 - ok);
    expect(calm.every((s) => s === 200)).toBe(true);
  });

  // With trustProxy the LAST X-Forwarded-For entry counts: the one the proxy appended. The first
  // is whatever the client wrote, so using it would give a forger a fresh bucket per request.
  it('behind a trusted proxy that appends to X-Forwarded-For, forging the header does not escape the per-IP limit', async () => {
    const clock = 0;
    t = reliabilityApp({
      trustProxy: true,
      rateLimit: { ipPerSecond: 10, ipBurst: 10, sitePerSecond: 0 },
      now: () => clock,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++)
      statuses.push((await t.collect(batch(t.site.publicId), `10.0.${i}.1, 198.51.100.66`)).status);
    // One real address, a frozen clock: the burst of 10 goes through, the other 40 are refused.
    expect(statuses.filter((s) => s === 429).length).toBe(40);
  });

  it('the offline-events route is limited per IP too', async () => {
    const clock = 0;
    t = reliabilityApp({ rateLimit: { ipPerSecond: 2, ipBurst: 2 }, now: () => clock });
    const send = () =>
      t!.app.request(`/api/sites/${t!.site.publicId}/events`, {
        method: 'POST',
        body: '{"events":[]}',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${t!.site.secret}`,
          'x-forwarded-for': '198.51.100.50',
        },
      });
    const statuses = [(await send()).status, (await send()).status, (await send()).status];
    expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
  });
});

describe('a flood against `touchpoint start --rate-limit-ip 2` (real process, real clock, real sockets)', () => {
  it('the flooding address gets 429 + Retry-After beyond burst + rate × time and stores nothing refused; a second address sees only 200', async () => {
    // A low limit, so even a slow, busy machine floods at well over 10× it.
    const RATE = 2;
    const BURST = 4 * RATE;
    const dir = mkdtempSync(join(tmpdir(), 'tp-flood-'));
    const dbPath = join(dir, 'flood.db');
    const { publicId } = cliSiteAdd(dbPath);
    // Behind a trusted proxy (one hop in X-Forwarded-For), as a loopback peer is otherwise unlimited.
    const srv = await startCollector(dbPath, ['--rate-limit-ip', String(RATE), '--rate-limit-site', '0'], {
      TOUCHPOINT_TRUST_PROXY: '1',
    });
    try {
      const post = async (ip: string, id: string) => {
        const r = await fetch(`${srv.url}/api/collect`, {
          method: 'POST',
          body: JSON.stringify({ s: publicId, e: [{ i: id, n: 'pageview', u: 'http://localhost/flood' }] }),
          headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA, 'x-forwarded-for': ip },
        });
        const body = await r.text();
        return { id, status: r.status, retryAfter: r.headers.get('retry-after'), body };
      };
      const FLOOD = 200;
      let sent = 0;
      const t0 = performance.now();
      const flooder = Promise.all(
        Array.from({ length: 8 }, async () => {
          const out: Awaited<ReturnType<typeof post>>[] = [];
          while (sent < FLOOD) out.push(await post('198.51.100.66', `flood-${sent++}-xx`));
          return out;
        }),
      ).then((r) => r.flat());
      // The neighbour sends while the flood is on, within its own limit (half its burst).
      const neighbour: number[] = [];
      for (let i = 0; i < BURST / 2 && sent < FLOOD; i++)
        neighbour.push((await post('198.51.100.67', `calm-${i}-xxxxx`)).status);
      const flood = await flooder;
      const seconds = (performance.now() - t0) / 1000;

      expect(neighbour.length).toBe(BURST / 2);
      expect(neighbour).toEqual(neighbour.map(() => 200));
      const accepted = flood.filter((r) => r.status === 200);
      const refused = flood.filter((r) => r.status === 429);
      expect(accepted.length + refused.length).toBe(FLOOD);
      // --rate-limit-ip N means a burst of 4N, then N per second.
      const bound = BURST + Math.ceil(RATE * seconds) + 1;
      expect(accepted.length).toBeGreaterThanOrEqual(BURST);
      expect(accepted.length).toBeLessThanOrEqual(bound);
      expect(
        refused.filter((r) => !(Number(r.retryAfter) >= 1 && r.body.includes(`at most ${RATE} per second`))),
      ).toEqual([]);
      // The figure for README: how hard the flood pushed, and what got through.
      console.log(
        `flood: ${FLOOD} requests in ${seconds.toFixed(1)} s (${(FLOOD / seconds / RATE).toFixed(0)}× the limit): ${accepted.length} accepted (bound ${bound}), ${refused.length} × 429; neighbour ${neighbour.length} × 200`,
      );

      srv.child.kill('SIGTERM');
      expect(await srv.exited).toBe(0);
      const { stored, lost } = auditFile(
        dbPath,
        accepted.map((r) => r.id),
      );
      expect(lost).toEqual([]);
      expect(refused.filter((r) => stored.has(r.id))).toEqual([]);
    } finally {
      if (srv.child.exitCode === null) srv.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
