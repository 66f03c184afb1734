/** Node entry: everything in `./mocks`, plus the HTTP mock server and the Prism launcher. Re-exports only. */
// First: refuse an old Node with one line, before msw and the rest load.
import '../common/node-floor.ts';

export * from './index.ts';
export { type MockServer, type MockServerOptions, startMockServer } from './node-server.ts';
export { type PrismOptions, type PrismServer, startPrism } from './prism.ts';
