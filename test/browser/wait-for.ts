/** Polls until `check` returns something truthy; the file is the truth, never a fixed sleep. */
export const waitFor = async <T>(
  what: string,
  check: () => T | false | undefined | null,
  timeoutMs = 20_000,
): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
