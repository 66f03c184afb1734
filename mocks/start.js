// `npm start`'s entry, in plain JavaScript on purpose: Node's compile cache, switched on here before
// any TypeScript loads, keeps the type-stripped modules too, so a start after the first skips
// TypeScript stripping altogether (about 100 ms of a ~250 ms start). The server is mocks/cli.ts.
import module from 'node:module';

module.enableCompileCache?.();
await import('./cli.ts');
