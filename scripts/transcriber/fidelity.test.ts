/**
 * Nothing a page documents is lost or altered, and what cannot be said in OpenAPI is said in a
 * warning: one minimal page per way a transcription once went wrong on real pages.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { transcribe } from './to-openapi.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk generated documents of no fixed shape
type Doc = Record<string, any>;

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;

interface Block {
  method?: string;
  path: string;
  summary?: string;
  params?: string;
  request?: string;
  response?: string;
}

function block({ method = 'get', path, summary = 'Do it', params = '', request = '', response }: Block): string {
  const example =
    response ??
    `{% api-method-response-example httpCode="200" %}\n{% api-method-response-example-description %}\nOK\n{% endapi-method-response-example-description %}\n${fence('json', '{"ok": true}')}\n{% endapi-method-response-example %}`;
  return `{% api-method method="${method}" host="https://api.test" path="${path}" %}
{% api-method-summary %}
${summary}
{% endapi-method-summary %}
{% api-method-spec %}
{% api-method-request %}
${params}
${request}
{% endapi-method-request %}
{% api-method-response %}
${example}
{% endapi-method-response %}
{% endapi-method-spec %}
{% endapi-method %}
`;
}

const param = (name: string, type = 'string', required = true) =>
  `{% api-method-parameter name="${name}" type="${type}" required=${required} %}\n${name} documented\n{% endapi-method-parameter %}`;
const group = (kind: string, ...params: string[]) =>
  `{% api-method-${kind} %}\n${params.join('\n')}\n{% endapi-method-${kind} %}`;

const page = (...blocks: string[]) => `# Minimal\n\n${blocks.join('\n')}`;
const operation = (doc: Doc, path: string, method = 'get'): Doc => doc.paths[path]?.[method];
const parameterNames = (op: Doc) => (op.parameters ?? []).map((p: Doc) => `${p.in}:${p.name}`);

describe('fidelity on minimal pages', () => {
  it('1. :placeholders keep their hyphens, and two stay two', () => {
    const { document } = transcribe(
      page(
        block({ path: '/a/:event-type-name/:event-id', params: group('path-parameters', param('event-type-name')) }),
      ),
    );
    const op = operation(document, '/a/{event-type-name}/{event-id}');
    expect(parameterNames(op)).toEqual(['path:event-type-name', 'path:event-id']);
  });

  it('2. placeholders with spaces become parameters, named as documented', () => {
    const { document } = transcribe(
      page(block({ path: '/api/<Org Slug>/x', params: group('path-parameters', param('Org Slug')) })),
    );
    expect(parameterNames(operation(document, '/api/{Org Slug}/x'))).toEqual(['path:Org Slug']);
  });

  it('3. a path parameter documented with its colon is that parameter, not a second one', () => {
    const { document, warnings } = transcribe(
      page(block({ path: '/users/:user', params: group('path-parameters', param(':user', 'integer')) })),
    );
    const op = operation(document, '/users/{user}');
    expect(op.parameters).toEqual([
      { name: 'user', in: 'path', required: true, schema: { type: 'integer' }, description: ':user documented' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('4. integers beyond 2^53 keep their digits in examples and in the YAML', () => {
    const response = `{% api-method-response-example httpCode="200" %}\n${fence('json', '{"id": 476488167042580481}')}\n{% endapi-method-response-example %}`;
    const { document, warnings } = transcribe(page(block({ path: '/x', response })));
    const media = operation(document, '/x').responses['200'].content['application/json'];
    expect(media.examples.documented.value).toEqual({ id: 476488167042580481n });
    expect(stringify(document)).toContain('id: 476488167042580481');
    expect(warnings).toEqual([]);
  });

  it('5. a JSON example under a // comment line is JSON, and the dropped comment is a warning', () => {
    const response = `{% api-method-response-example httpCode="200" %}\n${fence('javascript', '// the user\n{"id": 1}')}\n{% endapi-method-response-example %}`;
    const { document, warnings } = transcribe(page(block({ path: '/x', response })));
    expect(operation(document, '/x').responses['200'].content['application/json'].examples.documented.value).toEqual({
      id: 1,
    });
    expect(warnings).toEqual([
      expect.stringMatching(/^line \d+: 200 example is not strict JSON \(its comments are dropped\)/),
    ]);
  });

  it('6. an indented code block inside a {% tab %} is the example', () => {
    const response = `{% api-method-response-example httpCode="200" %}\n{% tabs %}\n{% tab title="Done" %}\n\n    {\n      "done": true\n    }\n\n{% endtab %}\n{% tab title="Fenced" %}\n    ${'```json'}\n    {"done": false}\n    ${'```'}\n{% endtab %}\n{% endtabs %}\n{% endapi-method-response-example %}`;
    const { document, warnings } = transcribe(page(block({ path: '/x', response })));
    const examples = operation(document, '/x').responses['200'].content['application/json'].examples;
    expect(examples).toEqual({ Done: { value: { done: true } }, Fenced: { value: { done: false } } });
    expect(warnings).toEqual([]);
  });

  it('7a. one method and path documented twice: one operation with both bodies and all examples, and a warning', () => {
    const password = block({
      method: 'post',
      path: '/token',
      summary: 'Password grant',
      params: group('body-parameters', param('grant_type'), param('password')),
    });
    const refresh = block({
      method: 'post',
      path: '/token',
      summary: 'Refresh grant',
      params: group('body-parameters', param('grant_type'), param('refresh_token')),
    });
    const { document, warnings } = transcribe(page(password, refresh));
    const op = operation(document, '/token', 'post');
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.oneOf.map((s: Doc) => Object.keys(s.properties))).toEqual([
      ['grant_type', 'password'],
      ['grant_type', 'refresh_token'],
    ]);
    expect(Object.keys(op.responses['200'].content['application/json'].examples)).toEqual([
      'passwordGrant',
      'refreshGrant',
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/POST \/token is documented 2 times \(lines 3, 32\).*one operation with alternatives/),
    ]);
  });

  it('7b. a query parameter that dispatches becomes an enum of its values, with a warning saying so', () => {
    const { document, warnings } = transcribe(
      page(block({ path: '/api?method=a', summary: 'A' }), block({ path: '/api?method=b', summary: 'B' })),
    );
    const op = operation(document, '/api');
    expect(op.parameters).toEqual([
      { name: 'method', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b'] } },
    ]);
    expect(warnings.some((w) => /query parameter "method" \(a, b\) tells them apart/.test(w))).toBe(true);
  });

  it('8. a body parameter without a name is the whole body (an array)', () => {
    const { document } = transcribe(
      page(block({ method: 'post', path: '/bulk', params: group('body-parameters', param('', 'array of integer')) })),
    );
    expect(operation(document, '/bulk', 'post').requestBody).toEqual({
      required: true,
      content: {
        'application/json': { schema: { type: 'array', items: { type: 'integer' }, description: 'documented' } },
      },
    });
  });

  it('9. nullable type suffixes are the type or null', () => {
    const { document, warnings } = transcribe(
      page(
        block({
          path: '/x',
          params: group('query-parameters', param('n', 'int?', false), param('at', 'DateTime?', false)),
        }),
      ),
    );
    expect(operation(document, '/x').parameters.map((p: Doc) => p.schema)).toEqual([
      { type: ['integer', 'null'] },
      { type: ['string', 'null'], format: 'date-time' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('{% swagger %} blocks read into the same model: URL, parameters of every location, responses', () => {
    const swagger = `{% swagger method="put" path="/:entity-type/{id}" baseUrl="https://api.test/v1" summary="Update an entity" %}
{% swagger-description %}
Updates it.
{% endswagger-description %}

{% swagger-parameter in="path" name="entity-type" required="true" %}
The type
{% endswagger-parameter %}

{% swagger-parameter in="path" name=":id" type="Long" required="true" %}
The id
{% endswagger-parameter %}

{% swagger-parameter in="query" name="dry-run" type="bool?" %}
Only check
{% endswagger-parameter %}

{% swagger-parameter in="header" name="Authorization" %}
Bearer token
{% endswagger-parameter %}

{% swagger-parameter in="body" name="name" type="String" required="true" %}
New name
{% endswagger-parameter %}

{% swagger-response status="200: OK" description="Updated" %}
\`\`\`json
{"id": 476488167042580481}
\`\`\`
{% endswagger-response %}

{% swagger-response status="404: Not Found" description="No such entity" %}
{% endswagger-response %}
{% endswagger %}
`;
    const { document, warnings } = transcribe(page(swagger));
    expect(warnings).toEqual([]);
    expect((document as Doc).servers).toEqual([{ url: 'https://api.test/v1' }]);
    const op = operation(document, '/{entity-type}/{id}', 'put');
    expect(op.summary).toBe('Update an entity');
    expect(op.description).toBe('Updates it.');
    expect(parameterNames(op)).toEqual(['path:entity-type', 'path:id', 'query:dry-run']);
    expect(op.parameters[2].schema).toEqual({ type: ['boolean', 'null'] });
    // Not required: the token may be left out.
    expect(op.security).toEqual([{ bearerAuth: [] }, {}]);
    expect(op.requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { name: { type: 'string', description: 'New name' } },
      required: ['name'],
    });
    expect(op.responses['200'].description).toBe('Updated');
    expect(op.responses['200'].content['application/json'].examples.documented.value).toEqual({
      id: 476488167042580481n,
    });
    expect(op.responses['404']).toEqual({ description: 'No such entity' });
  });

  it('parameters placed wrongly but unambiguously are put where the URL says, each with a warning', () => {
    const swagger = `{% swagger method="get" path="/:id/items/{item}" baseUrl="https://{env}.api.test/{version}" summary="Get" %}
{% swagger-parameter in="query" name=":id" type="String" required="true" %}
The id
{% endswagger-parameter %}
{% swagger-parameter in="path" type="integer" required="true" %}
The item
{% endswagger-parameter %}
{% swagger-parameter in="path" name="env" required="true" %}
dev, qa or prod
{% endswagger-parameter %}
{% swagger-response status="200" description="OK" %}
{% endswagger-response %}
{% endswagger %}
`;
    const { document, warnings } = transcribe(page(swagger));
    const op = operation(document, '/{id}/items/{item}');
    expect(op.parameters.map((p: Doc) => [p.name, p.in, p.schema.type, p.description])).toEqual([
      ['id', 'path', 'string', 'The id'],
      ['item', 'path', 'integer', 'The item'],
    ]);
    expect((document as Doc).servers[0].variables.env).toEqual({ default: 'env', description: 'dev, qa or prod' });
    expect(warnings).toEqual([
      expect.stringMatching(/line 4: query parameter ":id" is the path's \{id\}; read as that path parameter/),
      expect.stringMatching(/line 7: a path parameter of GET .* has no name; read as \{item\}/),
      expect.stringMatching(
        /line 10: path parameter "env" is in the server URL, not the path; read as its server variable/,
      ),
    ]);
  });
});
