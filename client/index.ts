// Public entry of the typed client (`login-api-kit/client`).
// First, under Node: refuse an old one with one line (nothing happens in a browser).
import '../common/node-floor.ts';

export { formatPrefer, type Scenario } from '../common/prefer.ts';
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
export { type ListedScenario, listScenarios, scenariosFor } from './scenarios.ts';
export { formatRemaining, readExp, shortenToken, tokenExpiry } from './token.ts';
