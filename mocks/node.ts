/** Node entry: everything in `./mocks`, plus the HTTP mock server and the Prism launcher. Re-exports only. */
export * from './index.ts';
export { type MockServer, type MockServerOptions, startMockServer } from './node-server.ts';
export { type PrismOptions, type PrismServer, startPrism } from './prism.ts';
