// The fetch a CLI run uses: undici's, through an EnvHttpProxyAgent, so HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY are honoured (Node's own fetch ignores them), with the run's TLS settings: extra CAs on
// top of the default trust, a client certificate for mutual TLS, or no verification at all.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { Fetch } from './transport.ts';

export interface TlsOptions {
  caFiles: string[];
  cert?: string;
  key?: string;
  insecure: boolean;
}

export interface HttpClient {
  fetch: Fetch;
  /** The proxy the run goes through for this URL, for the header line; undefined when direct. */
  proxyFor(url: string): string | undefined;
  /** Closes every connection, open requests included. */
  close(): Promise<void>;
}

/** The proxy URL the environment names for a URL, honouring NO_PROXY (as EnvHttpProxyAgent does). */
export function proxyFromEnv(url: string, env: Record<string, string | undefined>): string | undefined {
  const target = new URL(url);
  const noProxy = (env.no_proxy ?? env.NO_PROXY ?? '').split(/[\s,]+/).filter(Boolean);
  const host = target.hostname.toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    const [name = '', entryPort] = entry
      .toLowerCase()
      .replace(/^\*?\./, '.')
      .split(':');
    if (entryPort && entryPort !== port) continue;
    if (host === name.replace(/^\./, '') || (name.startsWith('.') && host.endsWith(name))) return undefined;
  }
  const proxy =
    target.protocol === 'https:'
      ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY)
      : (env.http_proxy ?? env.HTTP_PROXY);
  return proxy || undefined;
}

/** Reads the PEM files; throws with the file name when one cannot be read. */
function pem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

export function createHttpClient(tls: TlsOptions, env: Record<string, string | undefined> = process.env): HttpClient {
  const connect = {
    ...(tls.caFiles.length > 0 ? { ca: [...rootCertificates, ...tls.caFiles.map((f) => pem(f, 'CA file'))] } : {}),
    ...(tls.cert ? { cert: pem(tls.cert, 'certificate') } : {}),
    ...(tls.key ? { key: pem(tls.key, 'key') } : {}),
    ...(tls.insecure ? { rejectUnauthorized: false } : {}),
  };
  // The same TLS settings for the target whether it is reached directly or through a proxy tunnel.
  // The proxy settings come from the environment given (the same one proxyFor reads), never
  // from undici's own reading of process.env: the '' keeps an unset variable unset.
  const agent = new EnvHttpProxyAgent({
    connect,
    requestTls: connect,
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  });
  return {
    fetch: ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as Fetch,
    proxyFor: (url) => proxyFromEnv(url, env),
    // A finished run wants nothing more: requests still open (a server that never answers) go too.
    close: () => agent.destroy(),
  };
}
