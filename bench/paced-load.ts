import { connect, type Socket } from 'node:net';

export interface PacedResult {
  /** Requests answered 2xx per second of the run. */
  reqPerSec: number;
  /** Answers that were not 2xx, plus requests without an answer 5 s after the last was due. */
  bad: number;
  /** What the bad ones were: `status 503`, `socket error`, `socket closed`, `no answer`. */
  reasons: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

interface Conn {
  socket: Socket;
  /** When the request in flight was due; null when the connection is free. */
  due: number | null;
  buf: Buffer;
}

/**
 * Open-loop load at a steady rate: request k is due at start + k/rate whatever happened to the
 * others, and its latency counts from when it was due, so a stalled server (or a late generator)
 * shows in the figures instead of being left out. autocannon's rate option is not that: each
 * connection sends at full speed until its share of the second is used up, then waits for the
 * next second, so its "half the peak rate" is full-speed bursts with their queueing.
 *
 * Plain keep-alive sockets and a minimal response reader (status line and Content-Length, which
 * both servers send): node:http's client cost more CPU per request than the servers measured.
 */
export async function pacedLoad(opts: {
  url: string;
  rate: number;
  seconds: number;
  /** The next request's body and headers (the server's Content-Length is added). */
  next: () => { body: string; headers: Record<string, string> };
  /** Sockets kept open; a due request waits for a free one, and that wait counts. */
  connections: number;
}): Promise<PacedResult> {
  const target = new URL(opts.url);
  const head = `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n`;
  const total = Math.round(opts.rate * opts.seconds);
  const latencies: number[] = [];
  const backlog: number[] = [];
  const free: Conn[] = [];
  let ok = 0;
  let failed = 0;
  const reasons: Record<string, number> = {};
  const fail = (why: string): void => {
    failed++;
    reasons[why] = (reasons[why] ?? 0) + 1;
  };

  const send = (conn: Conn, due: number): void => {
    conn.due = due;
    const { body, headers } = opts.next();
    let lines = head;
    for (const k in headers) lines += `${k}: ${headers[k]}\r\n`;
    conn.socket.write(`${lines}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const answered = (conn: Conn, status: number): void => {
    if (status >= 200 && status < 300) {
      ok++;
      latencies.push(performance.now() - conn.due!);
    } else fail(`status ${status}`);
    conn.due = null;
    const next = backlog.shift();
    if (next === undefined) free.push(conn);
    else send(conn, next);
  };
  const onData = (conn: Conn, chunk: Buffer): void => {
    conn.buf = conn.buf.length ? Buffer.concat([conn.buf, chunk]) : chunk;
    for (;;) {
      const end = conn.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = conn.buf.toString('latin1', 0, end);
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(header)?.[1] ?? 0);
      if (conn.buf.length < end + 4 + length) return;
      conn.buf = conn.buf.subarray(end + 4 + length);
      answered(conn, Number(header.slice(9, 12)));
    }
  };

  const conns: Conn[] = [];
  let finished = false;
  const open = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const conn: Conn = {
        socket: connect(Number(target.port), target.hostname),
        due: null,
        buf: Buffer.alloc(0),
      };
      conns.push(conn);
      conn.socket.setNoDelay(true);
      conn.socket.on('data', (d: Buffer) => onData(conn, d));
      conn.socket.on('error', () => {
        if (conn.due !== null) {
          fail('socket error');
          conn.due = null;
        }
      });
      conn.socket.on('close', () => {
        if (conn.due !== null) {
          fail('socket closed');
          conn.due = null;
        }
        // The server closes a keep-alive socket idle past its timeout (Node: 5 s plus 1 s). A request
        // written to it later would be lost without an error, so it leaves the pool for a new one.
        const at = free.indexOf(conn);
        if (at >= 0) free.splice(at, 1);
        // A server that refuses the new one shows in the requests left unanswered.
        if (!finished) open().catch(() => {});
      });
      conn.socket.once('connect', () => {
        free.push(conn);
        resolve();
      });
      conn.socket.once('error', reject);
    });
  await Promise.all(Array.from({ length: opts.connections }, open));

  let sent = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    // A 1-ms tick hands out every request that has come due: the schedule, not the timer, sets the rate.
    const tick = setInterval(() => {
      const now = performance.now();
      for (
        let due = start + (sent * 1000) / opts.rate;
        sent < total && due <= now;
        due = start + (++sent * 1000) / opts.rate
      ) {
        // Oldest free socket first: every socket stays in use, as with many browsers, and at bench
        // rates none sits idle long enough for the server to close it.
        const conn = free.shift();
        if (conn) send(conn, due);
        else backlog.push(due);
      }
      if (sent === total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  const deadline = performance.now() + 5000;
  while (ok + failed < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  if (ok + failed < total) reasons['no answer'] = total - ok - failed;
  finished = true;
  for (const c of conns) c.socket.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies.length
      ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10
      : NaN;
  return { reqPerSec: ok / opts.seconds, bad: total - ok, reasons, p50: at(0.5), p99: at(0.99), max: at(1) };
}
