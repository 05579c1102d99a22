import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../collector/bin.mjs', import.meta.url));

/** Creates a site through the real CLI; returns its public id. */
export function cliSiteAdd(dbPath: string, domain = 'localhost'): { publicId: string; secret: string } {
  const r = spawnSync(process.execPath, [BIN, 'site', 'add', domain, '--count-bots', '--json', '--db', dbPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`site add failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { publicId: string; secret: string };
}

/** Starts `touchpoint start` as a child process on a free port; resolves with its URL once it listens. */
export async function spawnCollector(dbPath: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--db', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`collector exited ${code}:\n${out}`)); });
  });
  return { url, child, output: () => out };
}
