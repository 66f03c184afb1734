/**
 * A documented `Authorization` header becomes an OpenAPI security scheme: HTTP bearer or basic when
 * its description says so, otherwise an API key sent in that header.
 * https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import type { DocParameter } from './gitbook-parse.ts';

export interface Security {
  schemes: Record<string, Record<string, unknown>>;
  requirement: Record<string, string[]>[];
}

export function securityFor(authorization: DocParameter | undefined): Security | undefined {
  if (!authorization) return undefined;
  const said = authorization.description;
  let name: string;
  let scheme: Record<string, unknown>;
  if (/\bbasic\b/i.test(said)) {
    name = 'basicAuth';
    scheme = { type: 'http', scheme: 'basic' };
  } else if (/\bbearer\b|\bjwt\b|\btoken\b/i.test(said)) {
    name = 'bearerAuth';
    scheme = { type: 'http', scheme: 'bearer', ...(/\bjwt\b/i.test(said) ? { bearerFormat: 'JWT' } : {}) };
  } else {
    name = 'authorizationHeader';
    scheme = { type: 'apiKey', in: 'header', name: authorization.name };
  }
  if (said) scheme.description = said;
  // An optional Authorization header means the call also works without it.
  const requirement = authorization.required ? [{ [name]: [] }] : [{ [name]: [] }, {}];
  return { schemes: { [name]: scheme }, requirement };
}
