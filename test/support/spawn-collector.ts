import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../collector/bin.mjs', import.meta.url));

/** Creates a site through the real CLI; returns its public id. */
export function cliSiteAdd(dbPath: string, domain = 'localhost'): { publicId: string; secret: string } {
  const r = spawnSync(
    process.execPath,
    [BIN, 'site', 'add', domain, '--count-bots', '--json', '--db', dbPath],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`site add failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { publicId: string; secret: string };
}

export interface SpawnedCollector {
  url: string;
  child: ChildProcess;
  /** Exit code, or the signal name when killed. */
  exited: Promise<number | string>;
  output: () => string;
}

/**
 * Starts `touchpoint start` as a child process on a free port, the way `npm start` does (the file
 * itself, so its #! line's node flags apply); resolves with its URL once it listens.
 */
export async function spawnCollector(
  dbPath: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<SpawnedCollector> {
  const child = spawn(BIN, ['start', '--port', '0', '--db', dbPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited ${code}:\n${out}`));
    });
  });
  return { url, child, exited, output: () => out };
}
