// Helpers for the proxy's tests: fixture targets (the kit's reference server, bent), a proxy
// session in-process, and the HAR 1.2 schema validator.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import formatsModule from 'ajv-formats';
import type { Har } from 'har-format';
import { findVariant, handlerFor, type Variant } from '../contract-tests/fixtures/servers/catalogue.ts';
import { defaultUsers, type Handler, type Running, serve } from '../contract-tests/fixtures/servers/reference.ts';
import { type RunningProxy, startProxy } from './forward.ts';
import { createSession, type Session, type SessionOptions } from './session.ts';

export const [user, password] = Object.entries(defaultUsers)[0] as [string, string];

/** A correct server: the kit's reference implementation. */
export const reference = findVariant('reference') as Variant;

/** A server whose successful login says `code: "0"` (a string) instead of the number 0. */
export const codeAsString: Variant = {
  name: 'login-code-string',
  kind: 'broken',
  flagged: ['login-success'],
  description: 'a successful login says code "0" (a string)',
  tweak: (request, ref) => {
    const answer = ref.handle(request);
    const json = answer.json as { code?: unknown } | undefined;
    if (request.path !== '/v1/api/auth/login' || answer.status !== 200 || json?.code !== 0) return undefined;
    return { ...answer, json: { ...json, code: '0' } };
  },
};

export const serveVariant = (variant: Variant): Promise<Running> => serve(handlerFor(variant));
export const serveHandler = (handler: Handler): Promise<Running> => serve(handler);

export interface ProxyUnderTest {
  proxy: RunningProxy;
  session: Session;
  lines: string[];
  close(): Promise<void>;
}

/** A proxy in front of `target`, recording, with its session's lines collected. */
export async function proxyTo(
  target: string,
  options: Partial<SessionOptions> & { timeoutMs?: number; exchangeLimitMs?: number; headTimeoutMs?: number } = {},
): Promise<ProxyUnderTest> {
  const lines: string[] = [];
  const timeoutMs = options.timeoutMs ?? 2000;
  const session = createSession({ strict: false, record: true, timeoutMs, onLine: (l) => lines.push(l), ...options });
  const proxy = await startProxy({
    target,
    timeoutMs,
    ...(options.exchangeLimitMs ? { exchangeLimitMs: options.exchangeLimitMs } : {}),
    ...(options.headTimeoutMs ? { headTimeoutMs: options.headTimeoutMs } : {}),
    onCapture: session.capture,
  });
  return {
    proxy,
    session,
    lines,
    close: async () => {
      await proxy.close();
      await session.settle();
    },
  };
}

/** A raw node handler as a fixture target (for bodies, streams and encodings the reference does not send). */
export function raw(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Handler {
  return (req, res, request) => handle(req, res, request.body);
}

// har-schema is CommonJS with draft-06 schemas that reference each other by $id.
const harSchemas = createRequire(import.meta.url)('har-schema') as Record<string, object>;

/** Validates a HAR document against the HAR 1.2 JSON Schema (har-schema); returns the errors. */
export function harErrors(har: Har | unknown): string[] {
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  ajv.addMetaSchema(createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json'));
  formatsModule.default(ajv);
  for (const [name, schema] of Object.entries(harSchemas)) if (name !== 'har') ajv.addSchema(schema);
  const validate = ajv.compile(harSchemas.har as object);
  return validate(har) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
