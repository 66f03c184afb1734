// Real sockets on 127.0.0.1: how each way of not answering is told apart, and that nothing waits long.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFailure, createTransport } from './transport.ts';

const servers: (Server | TcpServer)[] = [];
async function listen<T extends Server | TcpServer>(server: T): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let ok: string;
let hang: string;
let reset: string;
let notHttp: string;
let huge: string;
let picky: string;
let refused: string;

beforeAll(async () => {
  ok = await listen(
    createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    }),
  );
  hang = await listen(createServer(() => {}));
  reset = await listen(createServer((req) => req.socket.resetAndDestroy()));
  notHttp = await listen(createTcpServer((socket) => socket.once('data', () => socket.end('HELLO\r\n\r\n'))));
  huge = await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(5000));
    }),
  );
  // Hangs on bodies that say "hang", answers everything else.
  picky = await listen(
    createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        if (body.includes('hang')) return;
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('bad');
      });
    }),
  );
  const closed = createTcpServer();
  refused = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const server of servers) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close();
  }
});

const transport = (baseUrl: string, extra: Partial<Parameters<typeof createTransport>[0]> = {}) =>
  createTransport({ baseUrl, fetch, timeoutMs: 300, deadline: Date.now() + 10_000, ...extra });
const post = { method: 'POST', path: '/v1/x', body: '{}', label: 'a request' };

describe('transport', () => {
  it('records status, lower-cased headers, media type and the JSON body; keeps a base path', async () => {
    // Not a timeout case: a busy machine may take longer than 300 ms for a first request.
    const t = transport(`${ok}/prefix/`, { timeoutMs: 5_000 });
    const exchange = await t.send(post);
    expect(exchange.request.url).toBe(`${ok}/prefix/v1/x`);
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.mediaType?.essence).toBe('application/json');
    expect(exchange.response?.json).toEqual({ ok: true, value: { method: 'POST', url: '/prefix/v1/x' } });
    expect(t.log).toHaveLength(1);
  });

  it('gives up on a hanging server after the timeout', async () => {
    const started = Date.now();
    const exchange = await transport(hang).send(post);
    expect(exchange.failure).toEqual({ kind: 'timeout', message: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops sending after two timeouts in a row', async () => {
    const t = transport(hang);
    await t.send(post);
    await t.send(post);
    const started = Date.now();
    const third = await t.send(post);
    expect(third.failure?.kind).toBe('not-sent');
    expect(third.failure?.message).toContain('the server stopped answering');
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('goes on after timeouts in a row when the server still answers what it answered before', async () => {
    const t = transport(picky);
    await t.send({ ...post, body: 'fine' });
    await t.send({ ...post, body: 'hang' });
    await t.send({ ...post, body: 'hang' });
    const next = await t.send({ ...post, body: 'fine again' });
    expect(next.response?.status).toBe(400);
    expect(t.log.map((e) => e.request.label)).toContain('is the server still answering? (repeats "a request")');
  });

  it('stops after five timeouts in all, whatever came between them', async () => {
    const t = transport(picky, { timeoutMs: 100 });
    for (let i = 0; i < 5; i++) {
      await t.send({ ...post, body: 'fine' });
      await t.send({ ...post, body: 'hang' });
    }
    const last = await t.send({ ...post, body: 'fine' });
    expect(last.failure?.message).toBe(
      'not sent: the server stopped answering (5 requests got no answer within 100 ms)',
    );
  });

  it('sends nothing after the run deadline', async () => {
    const exchange = await transport(ok, { deadline: Date.now() - 1 }).send(post);
    expect(exchange.failure?.message).toBe("not sent: the run's overall time limit was reached");
  });

  it('tells a reset connection from a refused one', async () => {
    expect((await transport(reset).send(post)).failure?.kind).toBe('reset');
    const refusedExchange = await transport(refused).send(post);
    expect(refusedExchange.failure).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
  });

  it('recognises an answer that is not HTTP', async () => {
    expect((await transport(notHttp).send(post)).failure?.kind).toBe('protocol');
  });

  it('cuts off an oversized body instead of reading it all', async () => {
    const exchange = await transport(huge, { maxBodyBytes: 1000 }).send(post);
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.response?.text).toHaveLength(1000);
    expect(exchange.response?.json).toEqual({ ok: false, error: 'the body is too large to read' });
  });
});

describe('classifyFailure', () => {
  const failed = (cause: object) => new TypeError('fetch failed', { cause });
  it.each([
    [failed({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x.invalid' }), 'unreachable'],
    [failed({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }), 'unreachable'],
    [failed({ message: 'bad port' }), 'unreachable'],
    [failed({ errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] }), 'unreachable'],
    [failed({ code: 'UND_ERR_SOCKET', message: 'other side closed' }), 'reset'],
    [failed({ code: 'ECONNRESET', message: 'read ECONNRESET' }), 'reset'],
    [failed({ name: 'HTTPParserError', message: 'Response does not match the HTTP/1.1 protocol' }), 'protocol'],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timeout'],
    [new Error('something else'), 'other'],
  ])('%s → %s', (error, kind) => {
    expect(classifyFailure(error, 100).kind).toBe(kind);
  });
});
