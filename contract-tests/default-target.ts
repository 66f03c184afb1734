// What the vitest front end checks when CONTRACT_BASE_URL is not set: a server started here on a
// free port, with a user it knows.
import { findVariant, handlerFor, type Variant } from './fixtures/servers/catalogue.ts';
import { defaultUsers, serve } from './fixtures/servers/reference.ts';

export interface Target {
  url: string;
  user: string;
  password: string;
  close(): Promise<void>;
}

export async function startDefaultTarget(): Promise<Target> {
  const [user, password] = Object.entries(defaultUsers)[0] as [string, string];
  const server = await serve(handlerFor(findVariant('reference') as Variant));
  return { url: server.url, user, password, close: server.close };
}
