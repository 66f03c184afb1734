/**
 * Coverage for the mocks: wraps the core (and any replay in front of it) so every answer is
 * counted, whichever adapter serves it (msw handlers or the node:http server). The counting
 * itself lives with the other coverage code (report/coverage-recorder.ts).
 */
import { type CoverageRecorder, createCoverageRecorder } from '../../report/coverage-recorder.ts';
import type { MockCore, MockRequest, MockResponse } from './plan-response.ts';
import { hasPreferences, parsePrefer } from './prefer.ts';

export type { CoverageRecorder } from '../../report/coverage-recorder.ts';

/**
 * A recorder for the mocks' coverage: pass it as `coverage` to `createHandlers` or
 * `startMockServer`, then write `JSON.stringify(recorder)` to a file for `npm run coverage`.
 *
 * @example
 * const coverage = createMockCoverage();
 * const server = setupServer(...createHandlers({ coverage }));
 * afterAll(() => writeFileSync('coverage/msw.json', JSON.stringify(coverage)));
 */
export function createMockCoverage(source = 'msw'): CoverageRecorder {
  // The mocks refuse every bad request, so only refusals need their body told apart.
  return createCoverageRecorder({ source, classify: 'refusals' });
}

/** Whether a request's own `Prefer` replaces the server-wide one (holds anything the mocks know). */
function ownPreferences(prefer: string | undefined): boolean {
  if (!prefer) return false;
  const parsed = parsePrefer(prefer);
  return !parsed.ok || hasPreferences(parsed.scenario);
}

/** The core with every answer counted; `serverPrefer` gives the server-wide `Prefer`, if any. */
export function withCoverage(
  core: MockCore,
  coverage: CoverageRecorder | undefined,
  serverPrefer?: () => string | undefined,
): MockCore {
  if (!coverage) return core;
  const count = (request: MockRequest, response: MockResponse): MockResponse => {
    coverage.record({
      method: request.method,
      path: request.path,
      contentType: request.contentType,
      prefer: ownPreferences(request.prefer) ? request.prefer : (serverPrefer?.() ?? request.prefer),
      body: request.body,
      status: response.networkError ? undefined : response.status,
      responseBody: response.body,
    });
    return response;
  };
  return {
    bodyLimit: core.bodyLimit,
    handle(request) {
      const planned = core.handle(request);
      return planned instanceof Promise
        ? planned.then((response) => count(request, response))
        : count(request, planned);
    },
  };
}
