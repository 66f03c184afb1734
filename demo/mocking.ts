// Starts the project's msw handlers in this page for the worker modes: the service worker
// (public/mockServiceWorker.js) hands each request to the handlers running here, so calls to the
// page's own origin are answered without any server.
import type { DemoUser } from '../mocks/browser.ts';
import type { Mode } from './settings.ts';

export interface Mocking {
  /** One line for the page. */
  status: string;
  /** Who can sign in, in the stateful mode. */
  demoUsers: readonly DemoUser[];
}

/** Starts the worker for the worker modes; resolves undefined in the HTTP mode. */
export async function startMocking(mode: Mode): Promise<Mocking | undefined> {
  if (mode === 'http') return undefined;
  if (!('serviceWorker' in navigator)) {
    throw new Error('this browser offers no service workers here (they need https or localhost)');
  }
  // Loaded only in the worker modes, so the HTTP mode runs the typed client alone.
  const [{ setupWorker }, { createHandlers, demoUsers }] = await Promise.all([
    import('msw/browser'),
    import('../mocks/browser.ts'),
  ]);
  const stateful = mode === 'stateful';
  const worker = setupWorker(...createHandlers({ stateful, baseUrl: location.origin }));
  await worker.start({
    // Relative to the page, so the demo also works when dist/ is served under a sub-path.
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
    onUnhandledFrame: 'bypass',
    quiet: true,
  });
  return stateful
    ? { status: 'Mock Service Worker is answering, stateful: real signed tokens for the demo users.', demoUsers }
    : { status: 'Mock Service Worker is answering with the documented examples.', demoUsers: [] };
}
