// Run defaults, apart from the runner so that `--help` can print them without loading the checks' machinery.
export const defaults = {
  timeoutMs: 5000,
  /** Cap on the whole run; with the breaker, a hanging server costs about two timeouts, not this. */
  runTimeoutMs: 45_000,
};
