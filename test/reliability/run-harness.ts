/**
 * Runs a harness script's `main` and exits with its code: 0 when the proof held, 1 when it did not
 * or the harness itself threw (a broken harness must never read as a pass).
 */
export function runHarness(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
