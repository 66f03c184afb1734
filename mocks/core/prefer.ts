// The scenario protocol is shared with the typed client: it lives in common/prefer.ts.
export { hasPreferences, MAX_DELAY_MS, type PreferResult, parsePrefer, type Scenario } from '../../common/prefer.ts';
