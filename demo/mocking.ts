// Starts the browser mocks for the worker modes. Replaced by the msw worker once mocks/browser.ts exists.
import type { Mode } from './settings.ts';

export const DEMO_USERS: readonly { user: string; password: string; note?: string }[] = [
  { user: 'alice', password: 'wonderland' },
  { user: 'bob', password: 'builder', note: 'password reset' },
];

/** Resolves with a one-line status for the page. */
export async function startMocking(mode: Mode): Promise<string | undefined> {
  if (mode === 'http') return undefined;
  throw new Error('the browser mocks (mocks/browser.ts) are not available in this build');
}
