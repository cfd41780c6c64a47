// What every benchmark runner does around its trials: progress lines on stderr (stdout carries the table
// and the JSON line), and its clean-up on Ctrl-C or SIGTERM, so no browser or temp folder outlives it.

export function progress(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Runs `cleanUp` (synchronous: the process exits right after it) on SIGINT or SIGTERM, then exits with 130. */
export function cleanUpOnSignal(cleanUp: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
}
