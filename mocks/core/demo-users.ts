/**
 * The one user shape of the kit: the stateful mode's seed and store, `--users` files, the
 * `users` options of `createHandlers` and `startMockServer`. Its credentials are the login body's
 * (`{ user, password }`, the spec's request type), so what a test logs in with reads the same.
 * The demo users are documented in docs/mock-server.md: public demo credentials of a mock, not secrets.
 */
import type { operations } from '../../spec/generated/types.ts';

type Credentials = operations['login']['requestBody']['content']['application/json'];

/** A user of the stateful mode: the login `user` and `password`, and whether a reset is due. */
export type MockUser = Credentials & {
  /** Flagged for a password reset: login answers with the documented `redirect` hint (default false). */
  passwordReset?: boolean | undefined;
};

export const demoUsers: readonly MockUser[] = Object.freeze([
  Object.freeze({ user: 'alice', password: 'wonderland' }),
  Object.freeze({ user: 'bob', password: 'builder', passwordReset: true }),
]);
