let disposers: (() => void)[] = [];

/** Registers cleanup (timers, charts, observers) for the view on screen. */
export function onDispose(fn: () => void): void {
  disposers.push(fn);
}

/** Runs and forgets every cleanup: called before the next view renders. */
export function disposeView(): void {
  const list = disposers;
  disposers = [];
  for (const fn of list) {
    try {
      fn();
    } catch {
      /* a failing cleanup must not block the next view */
    }
  }
}

/** setInterval that stops with the view and skips a tick while the previous one still runs. */
export function every(ms: number, fn: () => Promise<void>): void {
  let busy = false;
  const id = setInterval(() => {
    if (busy || document.hidden) return;
    busy = true;
    fn().finally(() => {
      busy = false;
    });
  }, ms);
  onDispose(() => clearInterval(id));
}
