/**
 * The ceiling for the benchmark: a bare node:http server that answers every request with the
 * documented login example's bytes and does nothing else.
 */
import { createServer } from 'node:http';
import { openapiDocument } from '../../spec/generated/openapi.ts';

const body = Buffer.from(
  JSON.stringify(
    openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
      .value,
  ),
);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening http://127.0.0.1:${address.port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
