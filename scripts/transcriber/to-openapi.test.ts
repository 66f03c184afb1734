import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { NoApiMethodError, transcribe } from './to-openapi.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const read = (name: string) => readFileSync(join(fixtures, `${name}.md`), 'utf8');

function transcribeFixture(name: string) {
  return transcribe(read(name));
}

// biome-ignore lint/suspicious/noExplicitAny: the tests walk generated documents of no fixed shape
type Doc = Record<string, any>;

// Golden files: fixture docs in, expected OpenAPI out (review the diff when one changes).
describe.each([
  'get-query',
  'path-params',
  'header-params',
  'several-status-codes',
  'several-methods',
  'non-json-example',
  'form-and-cookie',
  'same-code-twice',
])('fixture %s', (name) => {
  it('transcribes to the golden OpenAPI document', async () => {
    const { document } = transcribeFixture(name);
    await expect(stringify(document, { lineWidth: 0 })).toMatchFileSnapshot(join(fixtures, `${name}.openapi.yaml`));
  });
});

describe('what the transcription says', () => {
  it('GET with query parameters: names unescaped, types mapped, required kept', () => {
    const op: Doc = (transcribeFixture('get-query').document as Doc).paths['/v2/products'].get;
    expect(op.parameters.map((p: Doc) => [p.name, p.in, p.required, p.schema.type])).toEqual([
      ['q', 'query', true, 'string'],
      ['page_size', 'query', false, 'integer'],
      ['in_stock', 'query', false, 'boolean'],
      ['max_price', 'query', false, 'number'],
    ]);
    expect(op.requestBody).toBeUndefined();
    expect(op.description).toBe('Finds products by **name**.');
    const schema = op.responses['200'].content['application/json'].schema;
    expect(schema.properties.items.items.properties.price.type).toBe('number');
    expect(schema.properties.next.type).toBe('null');
  });

  it('path parameters: :name and {name} both become templated and required', () => {
    const doc = transcribeFixture('path-params').document as Doc;
    const op = doc.paths['/users/{userId}/orders/{orderId}'].get;
    expect(op.parameters.map((p: Doc) => [p.name, p.in, p.required, p.schema.type])).toEqual([
      ['userId', 'path', true, 'integer'],
      ['orderId', 'path', true, 'string'],
    ]);
    expect(doc.info.title).toBe('Users API');
    expect(doc.info.description).toBeUndefined();
  });

  it('header parameters: Authorization becomes a security scheme, not a parameter', () => {
    const { document, warnings } = transcribeFixture('header-params');
    const op = (document as Doc).paths['/me'].get;
    expect(op.parameters.map((p: Doc) => [p.name, p.in, p.schema.type])).toEqual([
      ['X-Request-Id', 'header', 'string'],
      ['X-Retry', 'header', 'integer'],
    ]);
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect((document as Doc).components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(warnings).toEqual([]);
  });

  it('several response codes for one method, each with its description', () => {
    const op = (transcribeFixture('several-status-codes').document as Doc).paths['/orders'].post;
    expect(Object.keys(op.responses)).toEqual(['201', '400', '409']);
    expect(op.responses['201'].description).toBe('Order created');
    expect(op.responses['409']).toEqual({ description: 'Conflict' });
    expect(op.requestBody.content['application/json'].schema.required).toEqual(['sku', 'quantity']);
  });

  it('several methods in one file share path items', () => {
    const doc = transcribeFixture('several-methods').document as Doc;
    expect(Object.keys(doc.paths['/notes/{id}'])).toEqual(['get', 'put', 'delete']);
    expect(doc.paths['/notes'].get.responses['200'].content['application/json'].schema.items.required).toEqual([
      'id',
      'text',
    ]);
  });

  it('non-JSON example bodies keep their media type and text', () => {
    const op = (transcribeFixture('non-json-example').document as Doc).paths['/export'].get;
    expect(op.responses['200'].content['application/xml'].examples.documented.value).toBe(
      '<report><row id="1">Kettle</row></report>',
    );
    expect(op.responses['503'].content['text/plain'].schema).toEqual({ type: 'string' });
  });

  it('form-data and cookie parameters; lenient JSON is read with a warning', () => {
    const { document, warnings } = transcribeFixture('form-and-cookie');
    const op = (document as Doc).paths['/upload'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    expect(op.parameters).toEqual([
      { name: 'session', in: 'cookie', required: true, schema: { type: 'string' }, description: 'Session cookie' },
    ]);
    expect(op.responses['200'].content['application/json'].examples.documented.value).toEqual({ id: 7, size: 1024 });
    expect(warnings).toEqual([
      expect.stringMatching(/line 25: 200 example is not strict JSON \(its comments are dropped\); read leniently/),
    ]);
  });

  it('two examples for one code merge their schemas (required = keys in both)', () => {
    const media = (transcribeFixture('same-code-twice').document as Doc).paths['/things/{id}'].get.responses['200']
      .content['application/json'];
    expect(Object.keys(media.examples)).toEqual(['documented', 'documented-2']);
    expect(media.schema.required).toEqual(['id', 'weight']);
    expect(media.schema.properties.weight.type).toBe('number');
  });

  it('is deterministic', () => {
    for (const name of ['get-query', 'several-methods']) {
      expect(stringify(transcribeFixture(name).document)).toBe(stringify(transcribeFixture(name).document));
    }
  });
});

describe('malformed markup gives warnings naming the line, and a document all the same', () => {
  it.each([
    [
      'unclosed-tag',
      /line 9: \{% api-method-response-example %\} is not closed before \{% endapi-method-response %\} on line 13/,
    ],
    ['never-closed', /line 3: \{% api-method %\} is never closed/],
    ['unknown-tag', /line 9: unknown tag \{% api-method-body-params %\}/],
    ['invalid-json-example', /line 14: 200 example is not JSON even read leniently .*kept as a string example/],
    ['misplaced-tag', /line 4: \{% api-method-parameter %\} is not expected inside \{% api-method %\}/],
  ])('%s', (name, message) => {
    const { document, warnings } = transcribeFixture(name);
    expect(warnings).toContainEqual(expect.stringMatching(message));
    expect(Object.keys((document as Doc).paths['/a'])).toEqual(['get']);
    expect((document as Doc).paths['/a'].get.responses).toBeDefined();
  });

  it('keeps an example that is not JSON as a string of its own media type', () => {
    const media = (transcribeFixture('invalid-json-example').document as Doc).paths['/a'].get.responses['200'].content;
    expect(Object.keys(media)).toEqual(['text/plain']);
    expect(media['text/plain'].examples.documented.value).toContain('"items": [1, 2');
  });

  it('rejects only a page without any api-method block', () => {
    expect(() => transcribe('# Nothing here\n')).toThrow(NoApiMethodError);
  });

  it('reads a bad httpCode as the default response and a missing path as /', () => {
    const { document, warnings } = transcribe(
      '{% api-method method="get" %}\n{% api-method-spec %}\n{% api-method-response %}\n{% api-method-response-example httpCode=abc %}\n{% endapi-method-response-example %}\n{% endapi-method-response %}\n{% endapi-method-spec %}\n{% endapi-method %}\n',
    );
    expect(Object.keys((document as Doc).paths['/'].get.responses)).toEqual(['default']);
    expect(warnings).toContainEqual(expect.stringMatching(/line 4: httpCode "abc" is not an HTTP status/));
    expect(warnings).toContainEqual(expect.stringMatching(/line 1: .*has no path/));
  });
});

describe('the Login API docs', () => {
  const docs = readFileSync(join(import.meta.dirname, '..', '..', 'spec', 'login-api.gitbook.md'), 'utf8');
  /** The line of the api-method tag for `path`, so that an edit above it does not break the test. */
  const tagLine = (path: string) => docs.split(/\r?\n/).findIndex((line) => line.includes(`path="${path}"`)) + 1;

  it('reports the https/http host disagreement as a warning and keeps it', () => {
    const { document, warnings } = transcribe(docs);
    const login = tagLine('/v1/api/auth/login');
    const refresh = tagLine('/v1/api/auth/refresh');
    expect(warnings).toEqual([
      expect.stringContaining(`https://example.com for POST /v1/api/auth/login (line ${login})`),
    ]);
    expect(warnings[0]).toContain(`http://example.com for POST /v1/api/auth/refresh (line ${refresh})`);
    expect((document as Doc).paths['/v1/api/auth/refresh'].post.servers).toEqual([{ url: 'http://example.com' }]);
  });

  it('follows an edited example value into the schema examples', () => {
    const { document } = transcribe(docs.replace(/("access_token_expires_in":\s*)\d+/, '$1900'));
    const media = (document as Doc).paths['/v1/api/auth/login'].post.responses['200'].content['application/json'];
    expect(media.examples.documented.value.result.access_token_expires_in).toBe(900);
    expect(media.schema.properties.result.properties.access_token_expires_in.examples).toEqual([900]);
  });
});

describe('types, media types and security', () => {
  const block = (request: string, response: string, attrs = 'method="post" host="https://api.test" path="/x"') =>
    `# T\n\n{% api-method ${attrs} %}\n{% api-method-summary %}\nX\n{% endapi-method-summary %}\n{% api-method-spec %}\n{% api-method-request %}\n${request}\n{% endapi-method-request %}\n{% api-method-response %}\n{% api-method-response-example httpCode=200 %}\n${response}\n{% endapi-method-response-example %}\n{% endapi-method-response %}\n{% endapi-method-spec %}\n{% endapi-method %}\n`;
  const param = (group: string, name: string, type: string, text = '') =>
    `{% api-method-${group} %}\n{% api-method-parameter name="${name}" type="${type}" required=true %}\n${text}\n{% endapi-method-parameter %}\n{% endapi-method-${group} %}`;
  const op = (markdown: string): Doc => (transcribe(markdown).document as Doc).paths['/x'].post;

  it('form data is multipart when a field is a file or an object, urlencoded otherwise', () => {
    const media = (type: string) =>
      Object.keys(op(block(param('form-data-parameters', 'f', type), '')).requestBody.content)[0];
    expect([media('file'), media('object'), media('string')]).toEqual([
      'multipart/form-data',
      'multipart/form-data',
      'application/x-www-form-urlencoded',
    ]);
  });

  it('a lone non-JSON body stays a string of its media type; JSON is JSON whatever the fence says', () => {
    const csv = op(block('', '```csv\nid,name\n1,Kettle\n```')).responses['200'].content;
    expect(csv).toEqual({
      'text/csv': { schema: { type: 'string' }, examples: { documented: { value: 'id,name\n1,Kettle' } } },
    });
    const yamlFence = op(block('', '```yaml\n{"a": 1}\n```')).responses['200'].content;
    expect(Object.keys(yamlFence)).toEqual(['application/json']);
    expect(yamlFence['application/json'].examples.documented.value).toEqual({ a: 1 });
  });

  it('Accept shapes the response media types', () => {
    const accept = param('headers', 'Accept', 'string', 'application/vnd.api+json or text/csv');
    const content = op(block(accept, '```\n{"a": 1}\n```\n```\na,b\n```')).responses['200'].content;
    expect(Object.keys(content)).toEqual(['application/vnd.api+json', 'text/csv']);
    expect(op(block(accept, '')).parameters).toBeUndefined();
  });

  it.each([
    ['Bearer token', { type: 'http', scheme: 'bearer' }, 'bearerAuth'],
    ['JWT access token', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearerAuth'],
    ['Basic base64(user:password)', { type: 'http', scheme: 'basic' }, 'basicAuth'],
    ['Your API key', { type: 'apiKey', in: 'header', name: 'Authorization' }, 'authorizationHeader'],
  ])('Authorization described as "%s" becomes a security scheme', (text, scheme, name) => {
    const { document } = transcribe(block(param('headers', 'Authorization', 'string', text), ''));
    expect((document as Doc).components.securitySchemes[name]).toEqual({ ...scheme, description: text });
    expect((document as Doc).paths['/x'].post.security).toEqual([{ [name]: [] }]);
  });

  it('path parameters are declared once and required; type aliases are mapped', () => {
    const path = `${param('path-parameters', 'id', 'Guid')}\n${param('path-parameters', 'id', 'string')}`;
    const { document, warnings } = transcribe(block(path, '', 'method="post" host="https://api.test" path="/x/{id}"'));
    expect((document as Doc).paths['/x/{id}'].post.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/path parameter "id" is documented twice/)]);
  });
});
