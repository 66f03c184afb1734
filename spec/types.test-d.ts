// Type-level tests, checked by `tsc --noEmit` (npm run typecheck): a directive that stops
// matching an error fails the type check.
import type { operations } from './generated/types.ts';

type LoginBody = operations['login']['requestBody']['content']['application/json'];
type LoginOk = operations['login']['responses'][200]['content']['application/json'];
type RefreshBody = NonNullable<operations['refreshToken']['requestBody']>['content']['application/json'];

export const valid: LoginBody = { user: 'u', password: 'p' };

// @ts-expect-error password is required by the docs
export const missingPassword: LoginBody = { user: 'u' };

// @ts-expect-error user must be a string
export const numericUser: LoginBody = { user: 1, password: 'p' };

export const noRedirect: LoginOk = {
  code: 0,
  result: {
    token_type: 'Bearer',
    access_token: 'a',
    access_token_expires_in: 1800,
    refresh_token: 'r',
    refresh_token_expires_in: 14400,
  },
};

export const emptyRefresh: RefreshBody = {};

// @ts-expect-error refresh_token is a string
export const numericToken: RefreshBody = { refresh_token: 1 };
