// Starts the project's msw handlers in this page for the worker modes: the service worker
// (public/mockServiceWorker.js) hands each request to the handlers running here, so calls to the
// page's own origin are answered without any server.
import type { MockControl, MockUser } from '../mocks/browser.ts';
import type { Settings } from './settings.ts';

export interface Mocking {
  /** One line for the page. */
  status: string;
  /** Who can sign in, in the stateful mode. */
  demoUsers: readonly MockUser[];
  /** The mock's switches: server-wide Prefer and clock (also `window.loginMock` in the console). */
  control: MockControl;
}

/** What the app's console offers as `loginMock`, e.g. `loginMock.advanceClock(1800)`. */
export interface ConsoleControls {
  /** Moves the mock's clock forward by this many seconds; returns the new offset in seconds. */
  advanceClock(seconds: number): number;
  /** Back to real time. */
  resetClock(): void;
  /** A server-wide Prefer for calls that send none, e.g. `'code=503'`; no argument clears it. */
  prefer(value?: string): string | undefined;
  control: MockControl;
}

declare global {
  interface Window {
    loginMock?: ConsoleControls;
  }
}

/** Starts the worker for the worker modes; resolves undefined in the HTTP mode. */
export async function startMocking(settings: Settings, onChange: () => void): Promise<Mocking | undefined> {
  if (settings.mode === 'http') return undefined;
  if (!('serviceWorker' in navigator)) {
    throw new Error('this browser offers no service workers here (they need https or localhost)');
  }
  // Loaded only in the worker modes, so the HTTP mode runs the typed client alone.
  const [{ setupWorker }, { createHandlers, createMockControl, demoUsers }] = await Promise.all([
    import('msw/browser'),
    import('../mocks/browser.ts'),
  ]);
  const stateful = settings.mode === 'stateful';
  const control = createMockControl();
  const lifetimes = {
    ...(settings.accessTtl !== undefined ? { accessTtl: settings.accessTtl } : {}),
    ...(settings.refreshTtl !== undefined ? { refreshTtl: settings.refreshTtl } : {}),
  };
  const worker = setupWorker(
    ...createHandlers({
      stateful: stateful ? { clock: control.clock, ...lifetimes } : false,
      baseUrl: location.origin,
      control,
    }),
  );
  await worker.start({
    // Relative to the page, so the demo also works when dist/ is served under a sub-path.
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
    onUnhandledFrame: 'bypass',
    // msw's own request log stays on: the handlers print method, URL and status, never a body.
    quiet: false,
  });
  window.loginMock = {
    advanceClock(seconds) {
      control.clock.advance(Math.round(seconds * 1000));
      onChange();
      return control.clock.offsetMs / 1000;
    },
    resetClock() {
      control.clock.reset();
      onChange();
    },
    prefer(value) {
      control.setPrefer(value);
      onChange();
      return control.prefer;
    },
    control,
  };
  return stateful
    ? {
        status: 'Mock Service Worker is answering, stateful: real signed tokens for the demo users.',
        demoUsers,
        control,
      }
    : { status: 'Mock Service Worker is answering with the documented examples.', demoUsers: [], control };
}
