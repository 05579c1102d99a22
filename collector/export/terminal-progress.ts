import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Jobs done sooner than this never show a bar: a flash of one is noise. */
  afterMs?: number;
  now?: () => number;
}

/**
 * A progress bar on stderr (cli-progress) for a job that runs longer than `afterMs`; silent when
 * stderr is not a terminal, so pipes, logs and CI output stay clean.
 */
export function terminalProgress(
  label: string,
  { stream = process.stderr, afterMs = 1500, now = Date.now }: ProgressOptions = {},
): Progress {
  const started = now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total) {
      if (!bar) {
        if (!stream.isTTY || now() - started < afterMs) return;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
