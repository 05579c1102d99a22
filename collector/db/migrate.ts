import type Database from 'better-sqlite3';
import { migrations } from './migrations';

/** Runs the migrations the file has not seen yet; returns the schema version reached. */
export function migrate(db: Database.Database, steps: readonly string[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > steps.length) {
    throw new Error(
      `database schema v${current} is newer than this build (v${steps.length}); upgrade touchpoint`,
    );
  }
  for (let v = current; v < steps.length; v++) {
    db.transaction(() => {
      db.exec(steps[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return steps.length;
}
