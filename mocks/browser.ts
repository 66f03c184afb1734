/** Browser entry (for `setupWorker` from `msw/browser`): the platform-free handlers. Re-exports only. */
export * from './index.ts';
export { resetStatefulSession, type SecretStorage, STATEFUL_STORAGE_KEY } from './msw/stored-secret.ts';
