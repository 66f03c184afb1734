// The demo page: a login screen on the typed client. Everything it shows comes from the answers;
// the mocks it can run against are chosen in the Connection box (see settings.ts).
import './style.css';
import type { ApiResult, LoginSuccess, RefreshSuccess } from '../client/login-api-client.ts';
import { createLoginApiClient } from '../client/login-api-client.ts';
import { scenariosFor } from '../client/scenarios.ts';
import { formatRemaining, readExp, tokenExpiry } from '../client/token.ts';
import { formatPrefer } from '../common/prefer.ts';
import { describeFailure, type Notice } from './messages.ts';
import { type Mocking, startMocking } from './mocking.ts';
import {
  NO_SCENARIO,
  type OperationId,
  preferFor,
  type ScenarioChoice,
  type ScenarioOption,
  SLOW_DELAY_MS,
  scenarioOptions,
} from './scenario.ts';
import { checkBaseUrl, isMode, MODES, readSettings, writeSettings } from './settings.ts';
import { displayToken } from './token-display.ts';

const CALL_TIMEOUT_MS = 8_000;
/** After this long a pending call shows a "still waiting" note. */
const SLOW_NOTE_AFTER_MS = 500;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`demo: #${id} is missing from index.html`);
  return found as T;
}

const ui = {
  loginForm: element<HTMLFormElement>('login-form'),
  user: element<HTMLInputElement>('user'),
  password: element<HTMLInputElement>('password'),
  loginButton: element<HTMLButtonElement>('login-button'),
  loginPending: element('login-pending'),
  demoUsers: element('demo-users'),
  notice: element('notice'),
  noticeTitle: element('notice-title'),
  noticeDetail: element('notice-detail'),
  session: element('session'),
  redirectNotice: element('redirect-notice'),
  redirectValue: element('redirect-value'),
  tokenType: element('token-type'),
  accessToken: element('access-token'),
  accessCountdown: element('access-countdown'),
  refreshToken: element('refresh-token'),
  refreshCountdown: element('refresh-countdown'),
  expirySource: element('expiry-source'),
  refreshButton: element<HTMLButtonElement>('refresh-button'),
  logoutButton: element<HTMLButtonElement>('logout-button'),
  refreshPending: element('refresh-pending'),
  refreshResult: element('refresh-result'),
  lastRefresh: element('last-refresh'),
  clockCard: element('clock-card'),
  clockReset: element<HTMLButtonElement>('clock-reset'),
  clockStatus: element('clock-status'),
  serverPreferField: element('server-prefer-field'),
  serverPrefer: element<HTMLSelectElement>('server-prefer'),
  serverPreferSummary: element('server-prefer-summary'),
  connectionForm: element<HTMLFormElement>('connection-form'),
  mode: element<HTMLSelectElement>('mode'),
  baseUrlField: element('base-url-field'),
  baseUrl: element<HTMLInputElement>('base-url'),
  connectionStatus: element('connection-status'),
  scenarioLogin: element<HTMLSelectElement>('scenario-login'),
  scenarioRefresh: element<HTMLSelectElement>('scenario-refresh'),
  scenarioSlow: element<HTMLInputElement>('scenario-slow'),
  scenarioNetwork: element<HTMLInputElement>('scenario-network'),
  slowLabel: element('slow-label'),
  scenarioLoginSummary: element('scenario-login-summary'),
  scenarioRefreshSummary: element('scenario-refresh-summary'),
  preferLogin: element('prefer-login'),
  preferRefresh: element('prefer-refresh'),
  activity: element<HTMLOListElement>('activity'),
};

interface Session {
  tokens: LoginSuccess['result'];
  accessExpiresAt: number | undefined;
  refreshExpiresAt: number | undefined;
  fromJwt: boolean;
}

let session: Session | undefined;
let mocking: Mocking | undefined;

/** The time the mock sees: its movable clock in the worker modes, else the real one. */
function mockNow(): number {
  return mocking ? mocking.control.clock.now() : Date.now();
}

function clockTime(): string {
  return new Date(mockNow()).toLocaleTimeString([], { hour12: false });
}

const { settings, problems } = readSettings(location.search);
const baseUrl = settings.mode === 'http' ? settings.baseUrl : location.origin;
const target = { baseUrl, crossOrigin: new URL(baseUrl).origin !== location.origin };

function scenarioChoice(): ScenarioChoice {
  return {
    ...NO_SCENARIO,
    login: ui.scenarioLogin.value,
    refreshToken: ui.scenarioRefresh.value,
    slow: ui.scenarioSlow.checked,
    networkError: ui.scenarioNetwork.checked,
  };
}

function fillSelect(select: HTMLSelectElement, options: ScenarioOption[], none: string): void {
  select.replaceChildren(new Option(none, ''), ...options.map((option) => new Option(option.label, option.value)));
}

function showNotice(notice: Notice | undefined): void {
  ui.notice.hidden = !notice;
  if (!notice) return;
  ui.notice.className = `notice notice-${notice.tone}`;
  ui.noticeTitle.textContent = notice.title;
  ui.noticeDetail.textContent = notice.detail;
}

function log(operation: OperationId, result: ApiResult<unknown>, elapsedMs: number, prefer: string | undefined): void {
  const path = operation === 'login' ? '/v1/api/auth/login' : '/v1/api/auth/refresh';
  const outcome = result.ok
    ? `${result.status} ok`
    : 'status' in result && result.status
      ? `${result.status} ${result.kind}`
      : result.kind;
  const item = document.createElement('li');
  item.className = result.ok ? 'ok' : 'failed';
  const time = new Date().toLocaleTimeString([], { hour12: false });
  item.textContent = `${time}  POST ${path} → ${outcome} · ${Math.round(elapsedMs)} ms${prefer ? ` · Prefer: ${prefer}` : ''}`;
  ui.activity.prepend(item);
  while (ui.activity.children.length > 8) ui.activity.lastElementChild?.remove();
}

/** Runs a call with its button disabled and a waiting note that counts seconds once it is slow. */
async function withPending<T>(button: HTMLButtonElement, note: HTMLElement, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  button.disabled = true;
  const timer = setInterval(() => {
    const waited = performance.now() - started;
    if (waited < SLOW_NOTE_AFTER_MS) return;
    note.hidden = false;
    note.textContent = `Waiting for the server… ${(waited / 1000).toFixed(1)} s`;
  }, 100);
  try {
    return await run();
  } finally {
    clearInterval(timer);
    note.hidden = true;
    button.disabled = false;
  }
}

function renderCountdowns(): void {
  if (!session) return;
  const now = mockNow();
  for (const [expiresAt, cell] of [
    [session.accessExpiresAt, ui.accessCountdown],
    [session.refreshExpiresAt, ui.refreshCountdown],
  ] as const) {
    if (expiresAt === undefined) {
      cell.textContent = 'unknown lifetime';
      cell.className = 'countdown';
      continue;
    }
    const remaining = expiresAt - now;
    cell.textContent = remaining > 0 ? `expires in ${formatRemaining(remaining)}` : 'expired';
    cell.className = `countdown${remaining <= 0 ? ' expired' : remaining < 60_000 ? ' soon' : ''}`;
  }
}

function startSession(data: LoginSuccess): void {
  const receivedAt = mockNow();
  const tokens = data.result;
  session = {
    tokens,
    accessExpiresAt: tokenExpiry(tokens.access_token, tokens.access_token_expires_in, receivedAt),
    refreshExpiresAt: tokenExpiry(tokens.refresh_token, tokens.refresh_token_expires_in, receivedAt),
    fromJwt: readExp(tokens.access_token) !== undefined,
  };
  ui.tokenType.textContent = tokens.token_type;
  ui.accessToken.textContent = displayToken(tokens.access_token);
  ui.accessToken.title = 'Shortened; the full token stays in memory only';
  ui.refreshToken.textContent = displayToken(tokens.refresh_token);
  ui.refreshToken.title = ui.accessToken.title;
  ui.expirySource.textContent = session.fromJwt
    ? 'Countdowns read the tokens’ own exp claims.'
    : `Countdowns use access_token_expires_in (${tokens.access_token_expires_in} s) and refresh_token_expires_in (${tokens.refresh_token_expires_in} s); these tokens carry no readable exp.`;
  const redirect = typeof data.redirect === 'string' ? data.redirect : undefined;
  ui.redirectNotice.hidden = redirect === undefined;
  ui.redirectValue.textContent = redirect ? `redirect: "${redirect}"` : '';
  ui.refreshResult.hidden = true;
  ui.lastRefresh.textContent = 'not yet';
  ui.session.hidden = false;
  renderCountdowns();
}

function endSession(): void {
  session = undefined;
  ui.session.hidden = true;
  showNotice(undefined);
}

/** Takes new tokens from a refresh answer when it carries any; says whether it did. */
function applyRefresh(data: RefreshSuccess): boolean {
  if (!session) return false;
  // The documented answer only confirms the token; a server that also hands out new tokens gets them used.
  const result = data.result as Record<string, unknown>;
  if (typeof result.access_token === 'string' && typeof result.refresh_token === 'string') {
    const receivedAt = mockNow();
    const next = { ...session.tokens, ...result } as LoginSuccess['result'];
    session.tokens = next;
    session.accessExpiresAt = tokenExpiry(next.access_token, next.access_token_expires_in, receivedAt);
    session.refreshExpiresAt = tokenExpiry(next.refresh_token, next.refresh_token_expires_in, receivedAt);
    ui.accessToken.textContent = displayToken(next.access_token);
    ui.refreshToken.textContent = displayToken(next.refresh_token);
    renderCountdowns();
    return true;
  }
  return false;
}

const api = createLoginApiClient({ baseUrl, timeoutMs: CALL_TIMEOUT_MS });

async function login(): Promise<void> {
  showNotice(undefined);
  const prefer = preferFor('login', scenarioChoice());
  const started = performance.now();
  const result = await withPending(ui.loginButton, ui.loginPending, () =>
    api.login({ user: ui.user.value, password: ui.password.value }, prefer ? { prefer } : {}),
  );
  log('login', result, performance.now() - started, formatPrefer(prefer));
  if (result.ok) {
    startSession(result.data);
    showNotice({ tone: 'success', title: 'Signed in', detail: `as ${ui.user.value || '(empty user ID)'}` });
    // The form is done with: nothing of the credentials stays on screen.
    ui.loginForm.reset();
  } else {
    endSession();
    showNotice(describeFailure('login', result, target));
  }
}

async function refresh(): Promise<void> {
  if (!session) return;
  const prefer = preferFor('refreshToken', scenarioChoice());
  const started = performance.now();
  const result = await withPending(ui.refreshButton, ui.refreshPending, () =>
    api.refreshToken({ refresh_token: session?.tokens.refresh_token ?? '' }, prefer ? { prefer } : {}),
  );
  log('refreshToken', result, performance.now() - started, formatPrefer(prefer));
  ui.refreshResult.hidden = false;
  if (result.ok) {
    const renewed = applyRefresh(result.data);
    const at = clockTime();
    ui.lastRefresh.textContent = `accepted at ${at}`;
    ui.refreshResult.className = 'result result-success';
    ui.refreshResult.textContent = renewed
      ? `Refresh accepted at ${at}: new tokens are in use.`
      : `Refresh accepted at ${at}: ${result.data.result.desc} (code ${result.data.result.code}). The answer carries no new tokens, as documented, so the ones above stay in use.`;
  } else {
    const notice = describeFailure('refreshToken', result, target);
    if (result.kind === 'http-error' && result.status === 401) {
      // The refresh token is refused for good: the session is over, not merely a failed call.
      endSession();
      showNotice({
        tone: 'error',
        title: 'Signed out: refresh token refused',
        detail: `${notice.detail} Sign in again.`,
      });
      return;
    }
    ui.lastRefresh.textContent = `failed at ${clockTime()}`;
    ui.refreshResult.className = `result result-${notice.tone}`;
    ui.refreshResult.textContent = `${notice.title}: ${notice.detail}`;
  }
}

function renderScenario(): void {
  const choice = scenarioChoice();
  for (const [operation, select, summary, preview] of [
    ['login', ui.scenarioLogin, ui.scenarioLoginSummary, ui.preferLogin],
    ['refreshToken', ui.scenarioRefresh, ui.scenarioRefreshSummary, ui.preferRefresh],
  ] as const) {
    summary.textContent =
      scenarioOptions(operation).find((option) => option.value === select.value)?.summary ??
      'No scenario: the server answers as it normally would.';
    const prefer = formatPrefer(preferFor(operation, choice));
    preview.textContent = prefer ? `Prefer: ${prefer}` : 'no Prefer header';
  }
}

function setUpControls(): void {
  ui.mode.replaceChildren(...MODES.map((mode) => new Option(mode.label, mode.value)));
  ui.mode.value = settings.mode;
  ui.baseUrl.value = settings.baseUrl;
  const syncBaseUrl = () => {
    ui.baseUrlField.hidden = ui.mode.value !== 'http';
  };
  syncBaseUrl();
  ui.mode.addEventListener('change', syncBaseUrl);
  ui.connectionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const mode = ui.mode.value;
    if (!isMode(mode)) return;
    const problem = mode === 'http' ? checkBaseUrl(ui.baseUrl.value) : undefined;
    if (problem) {
      ui.connectionStatus.className = 'status status-error';
      ui.connectionStatus.textContent = problem;
      return;
    }
    location.search = writeSettings({ ...settings, mode, baseUrl: ui.baseUrl.value });
  });

  fillSelect(ui.scenarioLogin, scenarioOptions('login'), 'Let the server decide');
  fillSelect(ui.scenarioRefresh, scenarioOptions('refreshToken'), 'Let the server decide');
  ui.slowLabel.textContent = `Slow response (${SLOW_DELAY_MS / 1000} s)`;
  for (const control of [ui.scenarioLogin, ui.scenarioRefresh, ui.scenarioSlow, ui.scenarioNetwork]) {
    control.addEventListener('change', renderScenario);
  }
  renderScenario();

  ui.loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void login();
  });
  ui.refreshButton.addEventListener('click', () => void refresh());
  ui.logoutButton.addEventListener('click', endSession);
  setInterval(renderCountdowns, 250);
}

/** Server-wide answers on offer: each error status the spec defines, once (they apply to both calls). */
function serverPreferOptions(): HTMLOptionElement[] {
  const seen = new Map<number, string>();
  for (const scenario of [...scenariosFor('login'), ...scenariosFor('refreshToken')]) {
    if (scenario.status >= 400 && !seen.has(scenario.status)) seen.set(scenario.status, scenario.example);
  }
  return [...seen].map(([status, example]) => new Option(`${status} ${example}`, `code=${status}`));
}

function renderMockState(): void {
  if (!mocking) return;
  const offset = mocking.control.clock.offsetMs / 1000;
  ui.clockStatus.textContent =
    offset === 0 ? 'Mock time = real time.' : `Mock time is ${formatRemaining(offset * 1000)} ahead (${clockTime()}).`;
  const prefer = mocking.control.prefer ?? '';
  if ([...ui.serverPrefer.options].every((option) => option.value !== prefer)) {
    ui.serverPrefer.add(new Option(prefer, prefer));
  }
  ui.serverPrefer.value = prefer;
  ui.serverPreferSummary.textContent = prefer
    ? `Every call without a scenario of its own gets Prefer: ${prefer}. From the console: loginMock.prefer()`
    : 'Calls without a scenario get normal answers. From the console: loginMock.prefer("code=503")';
  renderCountdowns();
}

function setUpMockControls(started: Mocking): void {
  ui.clockCard.hidden = settings.mode !== 'stateful';
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) {
    button.addEventListener('click', () => {
      started.control.clock.advance(Number(button.dataset.advance) * 1000);
      renderMockState();
    });
  }
  ui.clockReset.addEventListener('click', () => {
    started.control.clock.reset();
    renderMockState();
  });
  ui.serverPrefer.replaceChildren(new Option('Normal answers', ''), ...serverPreferOptions());
  ui.serverPrefer.addEventListener('change', () => {
    started.control.setPrefer(ui.serverPrefer.value || undefined);
    renderMockState();
  });
  ui.serverPreferField.hidden = false;
  ui.serverPreferSummary.hidden = false;
  renderMockState();
}

async function main(): Promise<void> {
  setUpControls();
  ui.demoUsers.textContent =
    settings.mode === 'http'
      ? 'Use credentials the server at this base URL knows.'
      : settings.mode === 'worker'
        ? 'Any user ID and password get the documented answer; pick a scenario for the others.'
        : '';
  ui.loginButton.disabled = true;
  try {
    mocking = await startMocking(settings, renderMockState);
    if (mocking) setUpMockControls(mocking);
    ui.connectionStatus.className = 'status status-ok';
    ui.connectionStatus.textContent = mocking?.status ?? `Calling ${baseUrl} directly.`;
    if (mocking && mocking.demoUsers.length > 0) {
      const users = mocking.demoUsers.map((u) => `${u.user} / ${u.password}`).join(', ');
      const reset = mocking.demoUsers.filter((u) => u.passwordReset).map((u) => u.user);
      ui.demoUsers.textContent = `Demo users: ${users}.${reset.length > 0 ? ` ${reset.join(', ')} must reset the password.` : ''}`;
    }
    ui.loginButton.disabled = false;
  } catch (error) {
    ui.connectionStatus.className = 'status status-error';
    ui.connectionStatus.textContent = `Mocking did not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (problems.length > 0) showNotice({ tone: 'info', title: 'Settings adjusted', detail: problems.join(' ') });
  document.body.dataset.ready = 'true';
}

void main();
