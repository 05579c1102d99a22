import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NginxOptions {
  /** nginx's own directory: config, pid, logs, temp files. */
  dir: string;
  /** `host:port` nginx listens on. */
  listen: string;
  /** `host:port` of each collector. */
  upstreams: string[];
  binary?: string;
}

export interface RunningNginx {
  process: ChildProcess;
  /** Re-reads the config without dropping connections (SIGHUP), as `nginx -s reload` does. */
  reload(upstreams?: string[]): void;
  stop(): Promise<void>;
}

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'nginx', 'nginx.conf');

/** The repo's nginx config (deploy/nginx/nginx.conf) filled in. Pure but for reading the template. */
export function renderNginxConfig(o: { dir: string; listen: string; upstreams: string[] }): string {
  if (o.upstreams.length === 0) throw new Error('nginx needs at least one collector');
  const values: Record<string, string> = {
    DIR: o.dir,
    LISTEN: o.listen,
    UPSTREAMS: o.upstreams.map((u) => `server ${u} max_fails=1 fail_timeout=5s;`).join('\n    '),
    // Run as root (a container, CI), nginx's workers would switch to `nobody`, which cannot write
    // the temp directories made here.
    USER: process.getuid?.() === 0 ? 'user root;' : '',
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/\{\{([A-Z]+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`no value for {{${key}}} in the nginx config`);
    return v;
  });
}

/** Starts Debian's nginx in the foreground with its own config and waits until it accepts connections. */
export async function startNginx(o: NginxOptions): Promise<RunningNginx> {
  const binary = o.binary ?? process.env.NGINX ?? '/usr/sbin/nginx';
  if (!existsSync(binary))
    throw new Error(
      `nginx not found at ${binary}: install it (Debian: apt-get install -y nginx) or set NGINX`,
    );
  mkdirSync(join(o.dir, 'tmp'), { recursive: true });
  const conf = join(o.dir, 'nginx.conf');
  const write = (upstreams: string[]) =>
    writeFileSync(conf, renderNginxConfig({ dir: o.dir, listen: o.listen, upstreams }));
  write(o.upstreams);
  const test = spawnSync(binary, ['-t', '-q', '-c', conf, '-p', o.dir], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its config: ${test.stderr.trim()}`);
  const child = spawn(binary, ['-c', conf, '-p', o.dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr.trim()}`);
    try {
      await fetch(`http://${o.listen}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`nginx did not accept connections on ${o.listen} within 10 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    process: child,
    reload(upstreams) {
      if (upstreams) write(upstreams);
      child.kill('SIGHUP');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGQUIT: graceful stop, in-flight requests finish.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
