import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../core/demo-users.ts';
import { createHandlers } from './handlers.ts';
import { resetStatefulSession, type SecretStorage, STATEFUL_STORAGE_KEY, storedSecret } from './stored-secret.ts';

/** A page's storage, in memory. */
function memoryStorage(): SecretStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

const API = 'https://example.com/v1/api/auth';
const [alice] = demoUsers;

async function call(handlers: ReturnType<typeof createHandlers>, path: string, body: unknown) {
  const response = await getResponse(
    handlers,
    new Request(`${API}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  if (!response) throw new Error(`no handler answered ${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function refreshTokenFrom(handlers: ReturnType<typeof createHandlers>): Promise<string> {
  const login = await call(handlers, 'login', { user: alice?.user, password: alice?.password });
  expect(login.status).toBe(200);
  return (login.body.result as { refresh_token: string }).refresh_token;
}

describe('storedSecret', () => {
  it('creates a secret once and returns the kept one afterwards', () => {
    const storage = memoryStorage();
    const first = storedSecret(storage);
    expect(first).toHaveLength(32);
    expect(storage.entries.get(STATEFUL_STORAGE_KEY)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(storedSecret(storage)).toEqual(first);
  });

  it('replaces a damaged entry', () => {
    const storage = memoryStorage();
    storage.setItem(STATEFUL_STORAGE_KEY, 'not base64 at all!');
    const secret = storedSecret(storage);
    expect(secret).toHaveLength(32);
    expect(storedSecret(storage)).toEqual(secret);
  });

  it('still gives a secret when the storage refuses to work', () => {
    const broken: SecretStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(storedSecret(broken)).toHaveLength(32);
    expect(() => resetStatefulSession(broken)).not.toThrow();
  });
});

describe('createHandlers({ stateful: true }) with a storage', () => {
  it('accepts, after a reload, the tokens issued before it, until the session is reset', async () => {
    const storage = memoryStorage();
    const token = await refreshTokenFrom(createHandlers({ stateful: true, storage }));

    // A reload: new handlers, same storage.
    const reloaded = await call(createHandlers({ stateful: true, storage }), 'refresh', { refresh_token: token });
    expect(reloaded).toMatchObject({ status: 200, body: { result: { code: 0 } } });

    resetStatefulSession(storage);
    expect(storage.entries.size).toBe(0);
    const afterReset = await call(createHandlers({ stateful: true, storage }), 'refresh', { refresh_token: token });
    expect(afterReset.status).toBe(401);
  });

  it('keeps nothing with storage: false, nor by default outside a browser', async () => {
    const storage = memoryStorage();
    for (const options of [{ storage: false as const }, {}]) {
      const token = await refreshTokenFrom(createHandlers({ stateful: true, ...options }));
      const next = await call(createHandlers({ stateful: true, ...options }), 'refresh', { refresh_token: token });
      expect(next.status).toBe(401);
    }
    expect(storage.entries.size).toBe(0);
  });
});
