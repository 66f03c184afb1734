// The scenario switcher's state and the Prefer header it turns into. The choices come from the
// spec's named examples (client/scenarios.ts), so nothing here names a scenario itself.
import { type ListedScenario, scenariosFor } from '../client/scenarios.ts';
import type { Scenario } from '../common/prefer.ts';

export type OperationId = 'login' | 'refreshToken';

export interface ScenarioChoice {
  /** `STATUS:EXAMPLE` of the chosen named example, or '' to let the server decide. */
  login: string;
  refreshToken: string;
  /** Ask for a slow answer. */
  slow: boolean;
  /** Ask the mock to drop the connection instead of answering. */
  networkError: boolean;
}

export const SLOW_DELAY_MS = 2_000;

export const NO_SCENARIO: ScenarioChoice = { login: '', refreshToken: '', slow: false, networkError: false };

export interface ScenarioOption {
  value: string;
  label: string;
  summary: string;
}

export function optionValue(scenario: ListedScenario): string {
  return `${scenario.status}:${scenario.example}`;
}

export function optionLabel(scenario: ListedScenario): string {
  return `${scenario.status} ${scenario.example}${scenario.assumed ? ' (assumed)' : ''}`;
}

/** One line on what a scenario is, from its summary in the spec. */
export function scenarioSummary(scenario: ListedScenario): string {
  if (scenario.example === 'documented') return 'The example from the API’s docs.';
  const summary = scenario.summary.replace(/^Assumed\s*[-–—:]\s*/, '');
  const sentence = summary ? `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.` : '';
  return scenario.assumed ? `${sentence} An assumed error: the docs define none.` : sentence;
}

export function scenarioOptions(operation: OperationId): ScenarioOption[] {
  return scenariosFor(operation).map((scenario) => ({
    value: optionValue(scenario),
    label: optionLabel(scenario),
    summary: scenarioSummary(scenario),
  }));
}

/** What to ask the mock for on one operation, or undefined for a plain call. */
export function preferFor(operation: OperationId, choice: ScenarioChoice): Scenario | undefined {
  const prefer: Scenario = {};
  const picked = choice[operation];
  if (picked) {
    const scenario = scenariosFor(operation).find((candidate) => optionValue(candidate) === picked);
    if (!scenario) throw new RangeError(`No scenario "${picked}" for ${operation} in the spec`);
    Object.assign(prefer, scenario.scenario);
  }
  if (choice.slow) prefer.delay = SLOW_DELAY_MS;
  if (choice.networkError) prefer.networkError = true;
  return Object.keys(prefer).length > 0 ? prefer : undefined;
}
