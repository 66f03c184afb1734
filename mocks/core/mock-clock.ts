/**
 * The mocks' movable clock: real time plus an offset, so a running server or browser app can be
 * sent into the future (expire tokens) without waiting and without faking the platform's timers.
 */

export interface MockClock {
  /** Milliseconds since the epoch, as the mock sees them. */
  now(): number;
  /** How far the mock's time is ahead of the real clock, in milliseconds. */
  readonly offsetMs: number;
  /** Moves the clock forward by this many milliseconds (a whole, non-negative number); returns the new offset. */
  advance(ms: number): number;
  /** Back to the real clock. */
  reset(): void;
}

/** Longest single move: ten years, enough to expire any token without overflowing a Date. */
export const MAX_ADVANCE_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * @example
 * const clock = createMockClock();
 * const handlers = createHandlers({ stateful: { clock } });
 * clock.advance(31 * 60_000); // every access token issued so far has expired
 */
export function createMockClock(base: () => number = Date.now, offsetMs = 0): MockClock {
  checkMove(offsetMs);
  let offset = offsetMs;
  return {
    now: () => base() + offset,
    get offsetMs() {
      return offset;
    },
    advance(ms: number): number {
      checkMove(ms);
      if (offset + ms > MAX_ADVANCE_MS) throw new RangeError(`the clock may be at most ${MAX_ADVANCE_MS} ms ahead`);
      offset += ms;
      return offset;
    },
    reset() {
      offset = 0;
    },
  };
}

function checkMove(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
    throw new RangeError(`the clock moves forward by 0 to ${MAX_ADVANCE_MS} whole milliseconds, got ${ms}`);
  }
}
