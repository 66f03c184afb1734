/**
 * The self-audit is never silent: a transcription that lost or altered what a page documents (each
 * way one once did) gets a warning with the page line, and `--strict` then fails.
 */
import { describe, expect, it } from 'vitest';
import { audit } from './audit.ts';
import { transcribe } from './to-openapi.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit generated documents of no fixed shape
type Doc = Record<string, any>;

const PAGE = `# Audited

{% api-method method="post" host="https://api.test" path="/a/:event-type/:user" %}
{% api-method-summary %}
Post it
{% endapi-method-summary %}
{% api-method-spec %}
{% api-method-request %}
{% api-method-path-parameters %}
{% api-method-parameter name=":user" type="string" required=true %}
{% endapi-method-parameter %}
{% endapi-method-path-parameters %}
{% api-method-query-parameters %}
{% api-method-parameter name="at" type="DateTime?" %}
{% endapi-method-parameter %}
{% endapi-method-query-parameters %}
{% api-method-body-parameters %}
{% api-method-parameter name="" type="array" required=true %}
The items
{% endapi-method-parameter %}
{% endapi-method-body-parameters %}
{% endapi-method-request %}
{% api-method-response %}
{% api-method-response-example httpCode="200" %}
{% tabs %}
{% tab title="One" %}
    {"id": 476488167042580481}
{% endtab %}
{% tab title="Two" %}
\`\`\`js
// second
{"id": 2}
\`\`\`
{% endtab %}
{% endtabs %}
{% endapi-method-response-example %}
{% endapi-method-response %}
{% endapi-method-spec %}
{% endapi-method %}

{% swagger method="get" path="/b/:id" baseUrl="https://api.test" summary="Get b" %}
{% swagger-parameter in="path" name="id" type="int?" %}
The id
{% endswagger-parameter %}
{% swagger-response status="200: OK" description="Found" %}
\`\`\`json
{"b": 1}
\`\`\`
{% endswagger-response %}
{% endswagger %}
`;

const PATH = '/a/{event-type}/{user}';

function transcribed() {
  const result = transcribe(PAGE);
  return { ...result, document: structuredClone(result.document) as Doc };
}

describe('self-audit', () => {
  it('finds nothing to say about a faithful transcription', () => {
    const { document, blocks, warnings } = transcribed();
    expect(audit(PAGE, document, blocks)).toEqual([]);
    expect(warnings.filter((w) => w.includes('audit:'))).toEqual([]);
    expect(warnings.filter((w) => !w.includes('comments are dropped'))).toEqual([
      expect.stringContaining('path parameter "event-type" of POST /a/{event-type}/{user} is not documented'),
    ]);
    expect(Object.keys(document.paths)).toEqual([PATH, '/b/{id}']);
  });

  it('a lost path, query or header parameter', () => {
    const { document, blocks } = transcribed();
    const op = document.paths[PATH].post;
    op.parameters = op.parameters.filter((p: Doc) => p.name !== 'user' && p.name !== 'at');
    expect(audit(PAGE, document, blocks)).toEqual([
      `line 10: audit: path parameter "user" is not in the transcription of POST ${PATH}`,
      `line 14: audit: query parameter "at" is not in the transcription of POST ${PATH}`,
    ]);
  });

  it('a lost whole-body parameter', () => {
    const { document, blocks } = transcribed();
    delete document.paths[PATH].post.requestBody;
    expect(audit(PAGE, document, blocks)).toEqual([
      `line 18: audit: body parameter the whole body is not in the transcription of POST ${PATH}`,
    ]);
  });

  it('a lost example (an indented one in a tab, one under a comment)', () => {
    const { document, blocks } = transcribed();
    const examples = document.paths[PATH].post.responses['200'].content['application/json'].examples;
    delete examples.Two;
    expect(audit(PAGE, document, blocks)).toEqual([
      `line 3: audit: the page documents 2 examples for POST ${PATH} (lines 27, 31); the transcription holds 1`,
    ]);
  });

  it('an integer that lost digits', () => {
    const { document, blocks } = transcribed();
    document.paths[PATH].post.responses['200'].content['application/json'].examples.One.value.id = 476488167042580500;
    expect(audit(PAGE, document, blocks)).toEqual([
      `line 27: audit: the integer 476488167042580481 is not in POST ${PATH}'s examples digit for digit`,
    ]);
  });

  it('a lost operation, and a lost block (one method and path kept once)', () => {
    const { document, blocks } = transcribed();
    delete document.paths['/b/{id}'];
    expect(audit(PAGE, document, blocks)).toEqual(['line 41: audit: GET /b/{id} is missing from the transcription']);
    expect(audit(PAGE, transcribed().document, blocks.slice(0, 1))).toEqual([
      'line 3: audit: the page holds 2 blocks, 1 were transcribed',
    ]);
  });
});
