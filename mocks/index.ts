/** Platform-free entry: msw handlers, the stateful model and the scenario types. Re-exports only. */
export type { AuthModel, AuthModelOptions, UserStore } from './core/auth-model.ts';
export { type DemoUser, demoUsers } from './core/demo-users.ts';
export { createAuthModel } from './core/load-auth-model.ts';
export type { MockCoreOptions, MockRequest, MockResponse } from './core/plan-response.ts';
export { createMockCore } from './core/plan-response.ts';
export { MAX_DELAY_MS, parsePrefer, type Scenario } from './core/prefer.ts';
export { createReplay, type Replay } from './core/replay.ts';
export { createHandlers, type HandlerOptions, handlers } from './msw/handlers.ts';
