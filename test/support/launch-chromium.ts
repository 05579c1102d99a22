import { type Browser, chromium } from 'playwright-core';

/** Debian's `chromium` package (`.ci/run` installs it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches the system Chromium headless for tests. Extra `args` (e.g. `--user-agent=…`, which
 * pagehide beacons honour where a per-context override may not) are appended.
 */
export const launchChromium = (args: string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...args],
  });
