/**
 * Where a change is, in the reader's terms: the operation (method and path) a pointer falls under,
 * and the line of the docs that documents it.
 */
import { unescapeSegment } from '../../common/json-pointer.ts';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export interface Operation {
  /** Upper case, e.g. POST; absent for a change to a whole path. */
  method?: string;
  path?: string;
}

/** `/paths/~1v1~1login/post/responses/200` → `{ method: 'POST', path: '/v1/login' }`. */
export function operationAt(pointer: string): Operation {
  const [first, path, method] = pointer.split('/').slice(1).map(unescapeSegment);
  if (first !== 'paths' || path === undefined) return {};
  return method !== undefined && METHODS.has(method) ? { method: method.toUpperCase(), path } : { path };
}

/**
 * The line of each `{% api-method method="…" path="…" %}` tag, keyed `METHOD path` and `path`
 * (first one wins). Read with a pattern of its own, not the transcriber, so a report can point into
 * docs the transcriber no longer accepts.
 */
export function docsLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  for (const [index, line] of markdown.split('\n').entries()) {
    if (!/{%\s*api-method\s/.test(line)) continue;
    const method = /\bmethod="([^"]*)"/.exec(line)?.[1]?.toUpperCase();
    const raw = /\bpath="([^"]*)"/.exec(line)?.[1];
    if (raw === undefined) continue;
    // The docs may escape markdown (refresh\_token) or give a full URL: keep the path part.
    const path = raw.replaceAll('\\_', '_').replace(/^[a-z]+:\/\/[^/]+/i, '');
    for (const key of [method ? `${method} ${path}` : undefined, path]) {
      if (key !== undefined && !lines.has(key)) lines.set(key, index + 1);
    }
  }
  return lines;
}

/** The docs line for an operation, trying method + path, then the path alone. */
export function lineFor(lines: ReadonlyMap<string, number>, operation: Operation): number | undefined {
  if (operation.path === undefined) return undefined;
  return (operation.method && lines.get(`${operation.method} ${operation.path}`)) || lines.get(operation.path);
}
