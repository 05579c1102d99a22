import { randomBytes } from 'node:crypto';
import { DAY_MS, SALT_TTL_MS, type Salts } from '../store/salt-store';
import { type ConfigPool, inConfigTransaction } from './config-pool';

/** Tomorrow's salt is fetched this long before midnight, so a PostgreSQL outage then stops no ingest. */
const PREFETCH_MS = 3_600_000;

interface Day {
  from: number;
  salt: string;
}

/**
 * Daily salts from PostgreSQL, so every collector of a cluster hashes a visitor the same way: the
 * first node to need a day's salt inserts a random one, every other node's insert does nothing
 * (ON CONFLICT), and all read the row that won. Salts older than 48 h are deleted there, as in
 * SQLite mode. Each day's salt is then held in memory: the per-request cost is two comparisons.
 */
export class SharedSalts implements Salts {
  private readonly days = new Map<number, Day | Promise<Day>>();

  constructor(
    private readonly pool: ConfigPool,
    private readonly onPrefetchError: (err: unknown) => void = () => {},
  ) {}

  saltFor(now: number): string | Promise<string> {
    const from = now - (now % DAY_MS);
    const day = this.days.get(from) ?? this.load(from, now);
    if (now >= from + DAY_MS - PREFETCH_MS && !this.days.has(from + DAY_MS))
      (this.load(from + DAY_MS, now) as Promise<Day>).catch(this.onPrefetchError);
    return 'salt' in day ? day.salt : day.then((d) => d.salt);
  }

  private load(from: number, now: number): Promise<Day> {
    const dayText = new Date(from).toISOString().slice(0, 10);
    const loading = inConfigTransaction(this.pool, async (c) => {
      await c.query(
        'INSERT INTO salts (day, salt, created_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING',
        [dayText, randomBytes(16).toString('base64'), now],
      );
      await c.query('DELETE FROM salts WHERE created_at < $1', [now - SALT_TTL_MS]);
      const row = (await c.query<{ salt: string }>('SELECT salt FROM salts WHERE day = $1', [dayText]))
        .rows[0];
      return { from, salt: row!.salt };
    }).then(
      (d) => {
        this.days.set(from, d);
        // Keep yesterday's and tomorrow's at most: the map never grows.
        for (const k of this.days.keys()) if (k < from - DAY_MS) this.days.delete(k);
        return d;
      },
      (err) => {
        this.days.delete(from); // the next request tries again
        throw err;
      },
    );
    this.days.set(from, loading);
    return loading;
  }
}
