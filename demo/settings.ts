// Where the demo sends its calls, read from (and written to) the page's query string, so every
// setup is a link: `?mode=worker`, `?mode=stateful`, `?mode=http&baseUrl=http://127.0.0.1:4010`.

export type Mode = 'worker' | 'stateful' | 'http';

export interface Settings {
  mode: Mode;
  /** Only used in `http` mode; the worker modes answer on the page's own origin. */
  baseUrl: string;
  /** Stateful worker mode: token lifetimes in seconds (`?accessTtl=60&refreshTtl=120`). */
  accessTtl?: number;
  refreshTtl?: number;
}

export const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'worker', label: 'Service worker: documented examples' },
  { value: 'stateful', label: 'Service worker: stateful (real tokens)' },
  { value: 'http', label: 'HTTP server at a base URL' },
];

export const DEFAULT_BASE_URL = 'http://127.0.0.1:4010';

export function isMode(value: unknown): value is Mode {
  return MODES.some((mode) => mode.value === value);
}

/** Reads settings from a query string; anything unknown falls back to the default, with a note why. */
export function readSettings(search: string): { settings: Settings; problems: string[] } {
  const query = new URLSearchParams(search);
  const problems: string[] = [];
  const rawMode = query.get('mode');
  let mode: Mode = 'worker';
  if (rawMode !== null) {
    if (isMode(rawMode)) mode = rawMode;
    else problems.push(`Unknown mode "${rawMode}"; using the service worker.`);
  }
  let baseUrl = DEFAULT_BASE_URL;
  const rawBase = query.get('baseUrl');
  if (rawBase !== null) {
    const problem = checkBaseUrl(rawBase);
    if (problem) problems.push(`${problem}; using ${DEFAULT_BASE_URL}.`);
    else baseUrl = rawBase.replace(/\/+$/, '');
  }
  const settings: Settings = { mode, baseUrl };
  for (const name of ['accessTtl', 'refreshTtl'] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    if (/^\d{1,8}$/.test(raw) && Number(raw) >= 1) settings[name] = Number(raw);
    else problems.push(`${name} must be a whole number of seconds >= 1, got "${raw}"; using the documented lifetime.`);
  }
  return { settings, problems };
}

/** The query string for some settings (base URL only when it matters). */
export function writeSettings(settings: Settings): string {
  const query = new URLSearchParams({ mode: settings.mode });
  if (settings.mode === 'http') query.set('baseUrl', settings.baseUrl);
  for (const name of ['accessTtl', 'refreshTtl'] as const) {
    const value = settings[name];
    if (settings.mode === 'stateful' && value !== undefined) query.set(name, String(value));
  }
  return `?${query}`;
}

/** Why a base URL is unusable, or undefined when it is fine. */
export function checkBaseUrl(value: string): string | undefined {
  if (!URL.canParse(value)) return `"${value}" is not an absolute URL`;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${value}" is not an http(s) URL`;
  if (url.search || url.hash) return `"${value}" must not carry a query or fragment`;
  return undefined;
}
