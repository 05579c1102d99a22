/**
 * Crash safety: events at load, SIGKILL at a random moment, restart on the same file; 20 times.
 * Every event that got a 200 must be in the file and `PRAGMA integrity_check` must say ok.
 * Run: `tsx test/reliability/crash.ts` (RELIABILITY_SEED, CRASH_ROUNDS to vary).
 * Last line: `acked-lost <n>` (goal 0); exit code 1 when anything was lost or the file is damaged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postBatch, seeded, startCollector } from '../support/collector-process';
import { cliSiteAdd } from '../support/spawn-collector';
import { auditFile } from './audit-file';
import { formatCounts, loadUnderWay } from './load-workers';
import { runHarness } from './run-harness';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);

async function main(): Promise<number> {
  const random = seeded(SEED);
  const dir = mkdtempSync(join(tmpdir(), 'tp-crash-'));
  const dbPath = join(dir, 'crash.db');
  const acked: string[] = [];
  let noAnswer = 0;
  let violations = 0;
  try {
    const { publicId } = cliSiteAdd(dbPath);
    console.log(`crash: ${ROUNDS} rounds of load + SIGKILL, seed ${SEED}, database ${dbPath}`);
    for (let round = 1; round <= ROUNDS; round++) {
      const srv = await startCollector(dbPath);
      const load = await loadUnderWay(srv.url, publicId, `r${round}`, { workers: 8, perBatch: 10 });
      // Kill at a random moment 0–700 ms into the flowing load, so the kill lands mid-commit,
      // mid-response and between requests.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 700)));
      srv.child.kill('SIGKILL');
      const how = await srv.exited;
      await load.stop();
      acked.push(...load.acked);
      noAnswer += load.noAnswer;
      violations += load.violations.length;
      console.log(
        `round ${String(round).padStart(2)}: ${how}, acked ${load.acked.length} events, answers ${formatCounts(load.statuses)}, unanswered ${load.noAnswer}${load.violations.length ? `, violations: ${load.violations.slice(0, 3).join('; ')}` : ''}`,
      );
    }
    // One last start proves the file opens (WAL recovery) and the server still takes events; the
    // answer also means it is past start-up, so the SIGTERM meets its stop handler.
    const last = await startCollector(dbPath);
    const probe = await postBatch(last.url, publicId, ['after-crash-0001']);
    if (probe.status === 200) acked.push('after-crash-0001');
    last.child.kill('SIGTERM');
    const lastExit = await last.exited;

    const { stored, integrity, lost } = auditFile(dbPath, acked);
    console.log(
      `acknowledged events: ${acked.length}; stored: ${stored.size}; requests without answer: ${noAnswer}; rule violations: ${violations}`,
    );
    console.log(
      `after the crashes: a new batch got ${probe.status}; clean stop exit ${lastExit}; integrity_check: ${integrity}`,
    );
    if (lost.length) console.log(`lost (first 5): ${lost.slice(0, 5).join(', ')}`);
    console.log(`acked-lost ${lost.length}`);
    return lost.length === 0 &&
      integrity === 'ok' &&
      violations === 0 &&
      probe.status === 200 &&
      lastExit === 0
      ? 0
      : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runHarness(main);
