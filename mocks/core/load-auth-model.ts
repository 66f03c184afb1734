/**
 * `createAuthModel`, loaded on demand: example mode (and a browser bundle that never goes
 * stateful) does not pull in jose, zod and @msw/data.
 */
import type { AuthModel, AuthModelOptions } from './auth-model.ts';

/**
 * Creates a stateful auth model seeded with the demo users (see auth-model.ts).
 *
 * @example
 * let clock = Date.parse('2030-01-01T00:00:00Z');
 * const model = await createAuthModel({ now: () => clock });
 * server.use(...createHandlers({ stateful: model }));
 * clock += (model.refreshTokenExpiresIn + 1) * 1000; // every refresh token issued so far has expired
 */
export async function createAuthModel(options: AuthModelOptions = {}): Promise<AuthModel> {
  const { createAuthModel: create } = await import('./auth-model.ts');
  return create(options);
}
