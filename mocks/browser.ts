/** Browser entry (for `setupWorker` from `msw/browser`): the platform-free handlers. Re-exports only. */
export * from './index.ts';
