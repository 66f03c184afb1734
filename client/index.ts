// Public entry of the typed client (`login-api-kit/client`).
export type {
  ApiResult,
  CallOptions,
  ErrorEnvelope,
  LoginApiClient,
  LoginApiClientOptions,
  LoginRequest,
  LoginSuccess,
  RefreshRequest,
  RefreshSuccess,
} from './login-api-client.ts';
export { createLoginApiClient, preferMiddleware } from './login-api-client.ts';
export type { Prefer } from './prefer.ts';
export { formatPrefer } from './prefer.ts';
export type { Scenario } from './scenarios.ts';
export { listScenarios, scenariosFor } from './scenarios.ts';
export { formatRemaining, readExp, shortenToken, tokenExpiry } from './token.ts';
