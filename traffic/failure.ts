// A failed request in plain words: whatever fetch or a socket threw, as a kind and a sentence.
import type { TransportFailure } from '../judge/exchange.ts';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);

/** Certificate problems in plain words, with what to do about them. */
const certificateProblems: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed and not trusted (trust it with --ca-file)',
  SELF_SIGNED_CERT_IN_CHAIN: "the certificate's issuer is not trusted (add the CA with --ca-file)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is not trusted (add the CA with --ca-file)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not trusted (add the CA with --ca-file)",
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name than the one in --base-url',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
};

/** Turns whatever fetch threw into a kind and plain words. */
export function classifyFailure(error: unknown, timeoutMs: number): TransportFailure {
  const err = error as { name?: string; message?: string; cause?: unknown };
  if (err?.name === 'TimeoutError') return { kind: 'timeout', message: `no answer within ${timeoutMs} ms` };
  const causes: { code?: string; message?: string; name?: string }[] = [];
  const collect = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const v = value as { code?: string; message?: string; name?: string; cause?: unknown; errors?: unknown[] };
    causes.push(v);
    for (const inner of v.errors ?? []) collect(inner);
    if (v.cause && v.cause !== value) collect(v.cause);
  };
  collect(err?.cause);
  const codes = causes.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  const detail = causes.map((c) => c.message).find(Boolean) ?? err?.message ?? String(error);
  const certificate = codes.find((c) => c in certificateProblems);
  if (certificate) {
    return {
      kind: 'unreachable',
      code: certificate,
      message: `TLS certificate problem: ${certificateProblems[certificate]} (${detail})`,
    };
  }
  const unreachable = codes.find((c) => unreachableCodes.has(c));
  if (unreachable) return { kind: 'unreachable', code: unreachable, message: `cannot connect (${detail})` };
  if (causes.some((c) => c.message === 'bad port')) {
    return {
      kind: 'unreachable',
      code: 'BAD_PORT',
      message: 'cannot connect: the port is on the Fetch standard\'s list of blocked ("bad") ports',
    };
  }
  const reset = codes.find((c) => resetCodes.has(c));
  if (reset) return { kind: 'reset', code: reset, message: `the server closed or reset the connection (${detail})` };
  if (causes.some((c) => c.name === 'HTTPParserError' || c.code?.startsWith('HPE_'))) {
    return { kind: 'protocol', message: `the answer is not valid HTTP (${detail})` };
  }
  return { kind: 'other', message: `the request failed (${detail})`, ...(codes[0] ? { code: codes[0] } : {}) };
}
