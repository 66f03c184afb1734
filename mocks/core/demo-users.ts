/**
 * The stateful mode's seed: demo accounts for frontend development, documented in docs/mock-server.md.
 * These are public demo credentials of a mock, not secrets.
 */
export interface DemoUser {
  /** The login `user` field. */
  id: string;
  password: string;
  /** Flagged for a password reset: login answers with the documented `redirect` hint. */
  passwordReset: boolean;
}

export const demoUsers: readonly DemoUser[] = Object.freeze([
  Object.freeze({ id: 'alice', password: 'wonderland', passwordReset: false }),
  Object.freeze({ id: 'bob', password: 'builder', passwordReset: true }),
]);
