// `npm run dev` and `npm run docs`: the Vite dev server for the demo, printing the page's URL.
//   node demo/serve.ts [--docs] [--port N]
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const USAGE = 'usage: node demo/serve.ts [--docs] [--port N]   (--port 0 picks a free port; default 5173)';

let options: { docs: boolean; port: number };
try {
  const { values } = parseArgs({
    options: { docs: { type: 'boolean', default: false }, port: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? 5173 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, got "${values.port}"`);
  options = { docs: values.docs ?? false, port };
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

const server = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  server: { port: options.port, strictPort: options.port === 0 },
});
await server.listen();
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('vite did not report a local URL');
console.log(
  options.docs
    ? `API reference: ${base}docs.html\nLogin demo:    ${base}`
    : `Login demo:    ${base}\nAPI reference: ${base}docs.html`,
);
// Ctrl-C closes the server and exits 0 (Vite itself answers SIGTERM, with the usual 143).
process.once('SIGINT', () => {
  void server.close().then(() => process.exit(0));
});
