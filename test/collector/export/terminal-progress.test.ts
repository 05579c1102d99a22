import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../../collector/export/terminal-progress';

/** A stream that says it is (or is not) a terminal and keeps what is written to it. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(w, {
    isTTY,
    columns: 80,
    text: () => chunks.join(''),
  }) as unknown as NodeJS.WriteStream & { text: () => string };
}

describe('terminalProgress', () => {
  it('stays silent for a quick job, then draws a bar once the job runs long', () => {
    let t = 0;
    const stream = fakeStream(true);
    const p = terminalProgress('export', { stream, afterMs: 1500, now: () => t });
    p.update(10, 100);
    t = 1000;
    p.update(20, 100);
    expect(stream.text()).toBe('');
    t = 2000;
    p.update(50, 100);
    p.update(100, 100);
    p.stop();
    expect(stream.text()).toMatch(/export \[.*\] 100% \| 100\/100/);
  });

  it('never writes when the stream is not a terminal', () => {
    let t = 0;
    const stream = fakeStream(false);
    const p = terminalProgress('import', { stream, afterMs: 0, now: () => (t += 10_000) });
    for (let i = 0; i <= 100; i += 10) p.update(i, 100);
    p.stop();
    expect(stream.text()).toBe('');
  });
});
