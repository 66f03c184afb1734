/** Argument helpers shared by the mock server's and Prism's command lines. */

/** Exit code for unusable arguments. */
export const USAGE_EXIT = 2;

/** Parses a port (0-65535); `fallback` when the value is absent, undefined when unusable. */
export function parsePort(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}
