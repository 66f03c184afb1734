/**
 * The stateful mode's token signer for Node: HS256 through node:crypto, synchronous and with the
 * key prepared once. jose signs through WebCrypto, whose per-call set-up costs more than the
 * whole rest of a login; the tokens are byte-for-byte the ones jose makes (tested), and jose still
 * verifies every token the mock is shown.
 */
import { createHmac, createSecretKey } from 'node:crypto';
import type { SignToken } from './core/auth-model.ts';

const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');

export function createNodeSigner(secret: Uint8Array): SignToken {
  const key = createSecretKey(secret);
  return (claims) => {
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
  };
}
