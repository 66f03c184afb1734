// What the vitest front end checks when CONTRACT_BASE_URL is not set: the project's own stateful
// mock server, started here on a free port, with its first demo user.
import { demoUsers } from '../mocks/core/demo-users.ts';
import { startMockServer } from '../mocks/node-server.ts';

export interface Target {
  url: string;
  user: string;
  password: string;
  close(): Promise<void>;
}

export async function startDefaultTarget(): Promise<Target> {
  const [demo] = demoUsers;
  if (!demo) throw new Error('the mock server has no demo user');
  const server = await startMockServer({ port: 0, stateful: true });
  return { url: server.url, user: demo.user, password: demo.password, close: () => server.close() };
}
