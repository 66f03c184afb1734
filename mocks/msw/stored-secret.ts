/**
 * The stateful mode's signing secret, kept in the page's storage. Tokens are signed JWTs checked
 * against this secret, so keeping it is what keeps the sessions: tokens issued before a reload
 * (or a dev server's full reload) are still accepted after it. A development secret for a mock,
 * never a production one.
 */

/** The storage entry holding the secret. */
export const STATEFUL_STORAGE_KEY = 'login-api-kit:stateful-secret';

/** What the stateful mode needs of a storage: `localStorage`, `sessionStorage` or your own. */
export interface SecretStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const SECRET_BYTES = 32;

/** The page's `localStorage`; undefined outside a browser or where the page may not use storage. */
export function pageStorage(): SecretStorage | undefined {
  try {
    return typeof window === 'object' && window.localStorage ? window.localStorage : undefined;
  } catch {
    return undefined; // e.g. a sandboxed frame, or storage blocked by the user
  }
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return bytes.length === SECRET_BYTES ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The secret kept in `storage`, or a new random one stored there when none (or a damaged one)
 * is found. A storage that refuses to read or write gives a secret for this page load only.
 */
export function storedSecret(storage: SecretStorage): Uint8Array {
  try {
    const kept = storage.getItem(STATEFUL_STORAGE_KEY);
    const secret = kept === null ? undefined : fromBase64(kept);
    if (secret) return secret;
  } catch {
    // unreadable: start afresh below
  }
  const secret = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  try {
    storage.setItem(STATEFUL_STORAGE_KEY, toBase64(secret));
  } catch {
    // full or blocked: sessions last this page load only
  }
  return secret;
}

/**
 * Forgets the stateful mode's sessions: removes the kept secret, so after the next page load
 * (or the next `createHandlers({ stateful: true })`) every token issued so far is refused.
 *
 * @example
 * import { resetStatefulSession } from 'login-api-kit/mocks/browser';
 * resetStatefulSession();
 * location.reload();
 */
export function resetStatefulSession(storage: SecretStorage | undefined = pageStorage()): void {
  try {
    storage?.removeItem(STATEFUL_STORAGE_KEY);
  } catch {
    // nothing kept that could be removed
  }
}
