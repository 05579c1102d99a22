import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless; the SDK's shared launcher may replace this once it exists. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Polls `check` until it returns a truthy value; never a fixed sleep. */
export async function waitFor<T>(check: () => Promise<T> | T, { timeoutMs = 10_000, everyMs = 50, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
