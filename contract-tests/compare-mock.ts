// `contract --compare-mock`: the same checks against the kit's own mock, started here in stateful
// mode on 127.0.0.1 with the run's user and password, and the two runs' exchanges compared.

import { type Api, loadApi } from '../judge/api.ts';
import { type DriftReport, driftOf } from '../judge/drift/drift.ts';
import { pairExchanges } from '../judge/drift/pair-exchanges.ts';
import { type OverlaySuggestions, suggestOverlay } from '../judge/drift/suggest-overlay.ts';
import type { Exchange } from '../judge/exchange.ts';
import { redactDeep, type Secrets, tokensIn } from '../judge/redact.ts';
import type { RunReport } from '../judge/verdicts.ts';
import { type RunOptions, runContract } from './runner.ts';

export interface MockComparison {
  drift: DriftReport;
  suggestions: OverlaySuggestions;
  /** The mock's own verdict, when the checks ran against it: a mock failing its contract makes the comparison doubtful. */
  mockReport?: RunReport;
  /** Why the run against the mock could not judge it, if it could not. */
  mockCannotJudge?: string;
  /** The secrets of both runs, for redacting whatever is printed or written. */
  secrets: Secrets;
}

/** Every password and token either run saw. */
export function secretsOf(password: string, extra: readonly string[], logs: readonly (readonly Exchange[])[]): Secrets {
  return {
    passwords: [password, ...extra],
    tokens: logs.flatMap((log) => log.flatMap((e) => (e.response?.json.ok ? tokensIn(e.response.json.value) : []))),
  };
}

/** Runs the checks of `options` against a fresh in-process mock and compares with the server's exchanges. */
export async function compareWithMock(
  options: Omit<RunOptions, 'baseUrl' | 'fetch' | 'onResult'>,
  serverLog: readonly Exchange[],
  api: Api = loadApi(),
): Promise<MockComparison> {
  const { startMockServer } = await import('../mocks/node-server.ts');
  const mock = await startMockServer({
    port: 0,
    host: '127.0.0.1',
    stateful: true,
    users: [{ user: options.user, password: options.password, passwordReset: false }],
    controlEndpoints: false,
  });
  try {
    const outcome = await runContract({ ...options, baseUrl: mock.url, fetch: globalThis.fetch, api });
    const secrets = secretsOf(options.password, options.secrets ?? [], [serverLog, outcome.log]);
    const drift = driftOf(pairExchanges(serverLog, outcome.log), api);
    const suggestions = suggestOverlay(drift, api, (value) => redactDeep(value, secrets));
    return {
      drift,
      suggestions,
      mockReport: outcome.report,
      ...(outcome.kind === 'report' ? {} : { mockCannotJudge: outcome.message }),
      secrets,
    };
  } finally {
    await mock.close();
  }
}
