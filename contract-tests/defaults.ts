// Run defaults, apart from the runner so that `--help` can print them without loading the checks' machinery.
export const defaults = {
  timeoutMs: 5000,
  /** Cap on the whole run; with the breaker, a hanging server costs about two timeouts, not this. */
  runTimeoutMs: 45_000,
  /** Requests the generated and property checks send together: a default run against the local mock stays under 5 s. */
  budget: 400,
};

/** A seed for a run that was given none (printed, so the run can be replayed with --seed). */
export const randomSeed = () => Math.floor(Math.random() * 0x1_0000_0000);
