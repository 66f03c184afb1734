/** Platform-free entry: msw handlers, the stateful model and the scenario types. Re-exports only. */
// First, under Node: refuse an old one with one line (nothing happens in a browser).
import '../common/node-floor.ts';

export type { AuthModel, AuthModelOptions, UserStore } from './core/auth-model.ts';
export {
  CONTROL_PREFIX,
  createMockControl,
  handleControl,
  type MockControl,
  type MockControlOptions,
} from './core/control.ts';
export { type CoverageRecorder, createMockCoverage } from './core/coverage.ts';
export { demoUsers, type MockUser } from './core/demo-users.ts';
export { createAuthModel } from './core/load-auth-model.ts';
export { createMockClock, type MockClock } from './core/mock-clock.ts';
export type { MockCoreOptions, MockRequest, MockResponse } from './core/plan-response.ts';
export { createMockCore } from './core/plan-response.ts';
export { MAX_DELAY_MS, parsePrefer, type Scenario } from './core/prefer.ts';
export { createReplay, type Replay } from './core/replay.ts';
export { checkUsers, parseUsersFile } from './core/users.ts';
export { createHandlers, type HandlerOptions, handlers, type StatefulOptions } from './msw/handlers.ts';
