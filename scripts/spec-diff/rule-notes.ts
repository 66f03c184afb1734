/**
 * The reasoning behind spec:diff's levels where they are a judgement call, rendered on
 * docs/diff-rules.md under the rule table (scripts/docs/generate-catalogues.ts).
 */
export const LEVEL_NOTES = `## Levels argued

- **Compositions by meaning.** \`allOf\`/\`anyOf\`/\`oneOf\` members are paired by \`$ref\`, then by
  shape (annotations aside), then by position when as many went as came; paired members are compared
  as schemas. A request losing an \`anyOf\`/\`oneOf\` alternative refuses the payloads only it accepted
  (ERR); a response gaining one may carry a shape clients never parse (ERR, for \`anyOf\` as for
  \`oneOf\`). An \`allOf\` member added to a request must now hold too (ERR); one dropped from a
  response is a promise less (WARN). A plain body turned into \`oneOf: [...]\` is compared with its
  closest alternative (not read as "every property removed"), and is an ERR for requests: a payload
  that matches two alternatives is refused.
- **Newer JSON Schema keywords.** \`dependentRequired\`, \`dependentSchemas\`, \`patternProperties\`,
  \`propertyNames\`, \`prefixItems\`, \`contains\`, \`contentSchema\`, \`if\`/\`then\`/\`else\`, \`not\` and
  \`unevaluated*\` are constraints: added to a request they accept less (ERR), removed from a response
  they promise less (ERR); a sub-schema present on both sides is compared as a schema.
- **Response constraints relaxed** (a bound, a structural keyword) are ERR: clients size and validate
  on them. A relaxed \`pattern\`, \`format\` or \`multipleOf\` is WARN: few readers validate those.
- **A request bound set where there was none** (\`maxLength\`, \`maximum\`, \`minItems\`...) is WARN:
  usually the limit the server enforced anyway, now written down; a bound moved tighter is ERR. A
  request \`pattern\` swapped for another is WARN (which strings it moves cannot be told without
  evaluating both); a pattern added is ERR; an empty pattern is no pattern.
- **Values carried as text** (parameters, headers, non-JSON bodies): every value is a string on the
  wire, so a schema that now takes strings takes whatever clients sent (a query or \`deepObject\`
  property from number to string is compatible), and an exploded form-style query array also takes
  a single value.
- **Removals.** A required response property removed is ERR; an optional one WARN (clients cope
  with its absence, but lose what it carried). A rename breaks like the removal it amounts to: a
  request property renamed to a required name, a required response property renamed. A success
  (1xx-3xx) response removed is ERR; an error (4xx, 5xx) or \`default\` response removed is WARN:
  failures still fail, and clients handling them by status class are unaffected. A path with no
  operations can be removed freely. A required response header that becomes optional is ERR, as its
  removal is.
- **readOnly / writeOnly.** A readOnly property is no part of requests, a writeOnly one no part of
  responses: a request property turned readOnly is judged as removed from requests (WARN), a required
  one that stops being readOnly as a new required request property (ERR). A response property turned
  writeOnly is a WARN, not the ERR of a removal: it most often documents a secret never echoed.
- **Discriminators** only route: validation goes by the alternatives, whose changes are judged
  themselves. A changed \`propertyName\`, a request mapping value removed, a response one added or
  any value pointing elsewhere is a WARN for the code that dispatches on it.
- **Media types** replaced by the same type with other parameters (\`; charset=utf-8\`), or, in a
  response, by a more specific one (\`application/json\` → \`application/problem+json\`), are compared
  as the same body (INFO); a request type replaced by a more specific one stays a removal (ERR): the
  server may refuse the general type clients send.
- **Defaults.** A request default changed is a WARN (clients that omit the value get other
  behaviour, not an error); a response default changed too (readers filling in an absent value
  assume another).
- **Security** alternatives are compared as sets of schemes and scopes: a client that met an old
  alternative must meet a new one. A scope dropped from a requirement refuses nobody (INFO); a scope
  added refuses tokens issued without it (ERR), as does requiring authentication where anonymous
  calls were accepted.
- **Deprecation policy** (opt-in, [ci-gate.md](ci-gate.md#deprecation-policy)): an operation,
  parameter or property deprecated with an \`x-sunset\` date that has passed may be removed (INFO);
  removed before its sunset, or with a sunset that is no date, it is an ERR, as is dropping or
  shortening an announced sunset.
- **Where oasdiff is stricter without cause, spec:diff is not:** a request enum dropped entirely
  accepts more values, not fewer (\`request-property-became-not-enum\`, INFO); a \`pattern\` added to
  a \`readOnly\` property concerns responses only, so it is no request change.
`;
