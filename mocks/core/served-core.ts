/**
 * The core every adapter serves (msw handlers, the node:http server): recorded answers first when
 * replaying, then the spec's, each answer counted when coverage is on.
 */
import type { MockControl } from './control.ts';
import { type CoverageRecorder, withCoverage } from './coverage.ts';
import { createMockCore, type MockCore, type MockCoreOptions } from './plan-response.ts';
import { type Replay, withReplay } from './replay.ts';

export interface ServedCoreOptions extends Omit<MockCoreOptions, 'control'> {
  control?: MockControl | undefined;
  replay?: Replay | undefined;
  coverage?: CoverageRecorder | undefined;
}

export function createServedCore({ replay, coverage, ...core }: ServedCoreOptions): MockCore {
  return withCoverage(withReplay(createMockCore(core), replay), coverage, () => core.control?.prefer);
}
