// The registry: every check, in the order a run executes them. Login comes first so the account's
// tokens are in hand before any failed attempts; the budgeted property checks and the generated
// requests follow the fixed ones, the checks that search the whole run's answers come after them,
// and response-time comes last because it reviews the run.
import { accessTokenNotRefresh } from './access-token-not-refresh.ts';
import { browserSafeAnswers } from './browser-safe-answers.ts';
import { cacheControlNoStore } from './cache-control-no-store.ts';
import { corsNoCredentialedReflection } from './cors-no-credentialed-reflection.ts';
import { credentialsOnlyInBody } from './credentials-only-in-body.ts';
import { emptyBodyRejected } from './empty-body-rejected.ts';
import { errorsLeakNothing } from './errors-leak-nothing.ts';
import { garbageRefreshRejected } from './garbage-refresh-rejected.ts';
import { generatedRequests } from './generated-requests.ts';
import { loginRoute } from './login-route.ts';
import { loginSuccess } from './login-success.ts';
import { malformedJsonRejected } from './malformed-json-rejected.ts';
import { missingPasswordRejected } from './missing-password-rejected.ts';
import { missingUserRejected } from './missing-user-rejected.ts';
import { noTimingEnumeration } from './no-timing-enumeration.ts';
import { noUserEnumeration } from './no-user-enumeration.ts';
import { nonObjectBodyRejected } from './non-object-body-rejected.ts';
import { onlyExactPassword } from './only-exact-password.ts';
import { refreshBadInputRejected } from './refresh-bad-input-rejected.ts';
import { refreshRoute } from './refresh-route.ts';
import { refreshSuccess } from './refresh-success.ts';
import { responseTime } from './response-time.ts';
import { tamperedRefreshRejected } from './tampered-refresh-rejected.ts';
import { tokenExpiryMatches } from './token-expiry-matches.ts';
import { tokenTypeBearer } from './token-type-bearer.ts';
import { tokensAreJwts } from './tokens-are-jwts.ts';
import { tokensLiveOnArrival } from './tokens-live-on-arrival.ts';
import { unknownUserRejected } from './unknown-user-rejected.ts';
import { unsignedRefreshRejected } from './unsigned-refresh-rejected.ts';
import { wrongContentTypeRejected } from './wrong-content-type-rejected.ts';
import { wrongPasswordRejected } from './wrong-password-rejected.ts';
import { wrongTypesRejected } from './wrong-types-rejected.ts';

export const checks = [
  loginSuccess,
  loginRoute,
  refreshSuccess,
  refreshRoute,
  wrongPasswordRejected,
  unknownUserRejected,
  missingUserRejected,
  missingPasswordRejected,
  wrongTypesRejected,
  nonObjectBodyRejected,
  malformedJsonRejected,
  emptyBodyRejected,
  wrongContentTypeRejected,
  garbageRefreshRejected,
  tamperedRefreshRejected,
  unsignedRefreshRejected,
  refreshBadInputRejected,
  tokensAreJwts,
  tokensLiveOnArrival,
  tokenExpiryMatches,
  tokenTypeBearer,
  cacheControlNoStore,
  accessTokenNotRefresh,
  noUserEnumeration,
  onlyExactPassword,
  credentialsOnlyInBody,
  corsNoCredentialedReflection,
  noTimingEnumeration,
  generatedRequests,
  errorsLeakNothing,
  browserSafeAnswers,
  responseTime,
] as const;

export type CheckId = (typeof checks)[number]['id'];

export const checkIds: readonly CheckId[] = checks.map((c) => c.id);

export function isCheckId(value: string): value is CheckId {
  return (checkIds as readonly string[]).includes(value);
}

/** The checks to run, in registry order: all, or only those named, minus those skipped. */
export function selectChecks(only: readonly CheckId[] = [], skipped: readonly CheckId[] = []) {
  return checks.filter((c) => (only.length === 0 || only.includes(c.id)) && !skipped.includes(c.id));
}
