// How the page shows a token: enough to tell two apart, never the whole of it, and one ellipsis
// only (the docs' example tokens are cut short with "..." already).
import { shortenToken } from '../client/token.ts';

/** Matches the "..." (or "…") the docs end their example tokens with. */
const CUT_SHORT = /(\.\.\.|…)$/;

export function displayToken(token: string): string {
  if (!CUT_SHORT.test(token)) return shortenToken(token);
  const kept = token.replace(CUT_SHORT, '');
  return `${kept.slice(0, 8)}… (${kept.length} chars, cut in the docs)`;
}
