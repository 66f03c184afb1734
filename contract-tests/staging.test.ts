// The contract command against staging-like set-ups, over real TLS: a private CA made here with
// openssl, an HTTPS gateway that demands a header in front of a correct server (the command run in
// this process), and a forward proxy on 127.0.0.1 that counts what passes through it (the real
// CLI, spawned, taking the proxy from its environment).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runInProcess } from './fixtures/run-cli.ts';
import { findVariant, handlerFor, type Variant } from './fixtures/servers/catalogue.ts';
import { defaultUsers, type Running, serve } from './fixtures/servers/reference.ts';

const [user, password] = Object.entries(defaultUsers)[0] as [string, string];
const apiKey = 'gateway-key-5f2c9a';
const dir = mkdtempSync(join(tmpdir(), 'contract-staging-'));
const file = (name: string) => join(dir, name);

/** A CA and a certificate for 127.0.0.1 signed by it, made with openssl. */
function makeCertificates() {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Contract Test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  );
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\n' > '${file('san.ext')}'`]);
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
    '-out',
    file('server.pem'),
  );
}

let upstream: Running;
let gateway: HttpsServer;
let gatewayUrl: string;

beforeAll(async () => {
  makeCertificates();
  upstream = await serve(handlerFor(findVariant('reference') as Variant));
  const target = new URL(upstream.url);
  // The gateway: 403 without the key, else passes the request on to the API.
  gateway = createHttpsServer(
    { key: readFileSync(file('server.key')), cert: readFileSync(file('server.pem')) },
    (req, res) => {
      if (req.headers['x-api-key'] !== apiKey) {
        req.resume();
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"message":"Forbidden: missing or wrong X-Api-Key"}');
        return;
      }
      const onward = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      onward.on('error', () => res.destroy());
      req.pipe(onward);
    },
  );
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `https://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  gateway?.closeAllConnections?.();
  gateway?.close();
  await upstream?.close();
});

const base = () => ['--base-url', gatewayUrl, '--user', user, '--password', password];

describe.concurrent('HTTPS with a private CA behind a gateway', { timeout: 120_000 }, () => {
  it('--ca-file and --header: exit 0, and the key never printed', async () => {
    const run = await runInProcess([...base(), '--ca-file', file('ca.pem'), '--header', `X-Api-Key: ${apiKey}`], {
      limitMs: 110_000,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('extra headers: x-api-key: ***');
    expect(run.stdout + run.stderr).not.toContain(apiKey);
  });

  it('without the header: exit 2, the gateway refuses everything, its first answer shown', async () => {
    const run = await runInProcess([...base(), '--ca-file', file('ca.pem')], { limitMs: 110_000 });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain('every request is refused before the API answers');
    expect(run.stderr).toContain('Forbidden: missing or wrong X-Api-Key');
  });

  it('without --ca-file: exit 2 naming the certificate problem', async () => {
    const run = await runInProcess([...base(), '--header', `X-Api-Key: ${apiKey}`], { limitMs: 110_000 });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain(
      "TLS certificate problem: the certificate's issuer is not trusted (add the CA with --ca-file)",
    );
  });

  it('--insecure: exit 0 with a warning that TLS was not verified, in the output and the report', async () => {
    const run = await runInProcess(
      [...base(), '--insecure', '--header', `X-Api-Key: ${apiKey}`, '--report', `json=${file('insecure.json')}`],
      {
        limitMs: 110_000,
      },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('WARNING: TLS was not verified');
    expect(JSON.parse(readFileSync(file('insecure.json'), 'utf8')).notices[0]).toMatch(
      /^WARNING: TLS was not verified/,
    );
  });
});

/** A forward proxy (CONNECT tunnels) that counts the HTTP requests passing through its tunnels. */
async function countingProxy() {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer();
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    const onward = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      onward.write(head);
      client.pipe(onward);
      onward.pipe(client);
    });
    for (const s of [client, onward]) {
      sockets.add(s);
      s.on('error', () => {});
    }
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk
        .toString('latin1')
        .matchAll(/^(GET|POST|PUT|DELETE|PATCH|OPTIONS|HEAD) (\S+) HTTP\/1\.1\r$/gm))
        seen.push(`${m[1]} ${m[2]}`);
    });
  });
  // Plain proxying of absolute-form requests, in case the client sends those.
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '');
    seen.push(`${req.method} ${url.pathname}`);
    const onward = request(
      { host: url.hostname, port: url.port, method: req.method, path: url.pathname, headers: req.headers },
      (a) => {
        res.writeHead(a.statusCode ?? 502, a.headers);
        a.pipe(res);
      },
    );
    req.pipe(onward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('through a corporate proxy', { timeout: 120_000 }, () => {
  it('HTTP_PROXY on 127.0.0.1 sees every request of the run, and the run names it', async () => {
    const proxy = await countingProxy();
    let served = 0;
    const reference = handlerFor(findVariant('reference') as Variant);
    const target = await serve((req, res, request) => {
      served++;
      return reference(req, res, request);
    });
    try {
      const run = await runCli(['--base-url', target.url, '--user', user, '--password', password], {
        env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
        limitMs: 110_000,
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(`through the proxy ${proxy.url}`);
      expect(served).toBeGreaterThan(30);
      expect(proxy.seen).toHaveLength(served);
    } finally {
      proxy.close();
      await target.close();
    }
  });
});
