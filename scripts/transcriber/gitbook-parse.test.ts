import { describe, expect, it } from 'vitest';
import { parseGitbook } from './gitbook-parse.ts';

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;

function page(inner: string, attrs = 'method="post" host="https://api.test" path="/things"'): string {
  return `# Things\n\n{% api-method ${attrs} %}\n{% api-method-summary %}\nMake a thing\n{% endapi-method-summary %}\n${inner}\n{% endapi-method %}\n`;
}

describe('parseGitbook', () => {
  it('reads every tab of a {% tabs %} block as a named body, and every fence, not only the first', () => {
    const { operations, warnings } = parseGitbook(
      page(`{% api-method-spec %}
{% api-method-response %}
{% api-method-response-example httpCode=200 %}
{% api-method-response-example-description %}
Made
{% endapi-method-response-example-description %}
{% tabs %}
{% tab title="OK" %}
${fence('json', '{"ok": true}')}
{% endtab %}
{% tab title="Slow" %}
${fence('json', '{"ok": true, "queued": 1}')}
${fence('json', '{"ok": true, "queued": 2}')}
{% endtab %}
{% endtabs %}
${fence('', '{"plain": 1}')}
{% endapi-method-response-example %}
{% endapi-method-response %}
{% endapi-method-spec %}`),
    );
    expect(warnings).toEqual([]);
    const [example] = operations[0]?.examples ?? [];
    expect(example?.description).toBe('Made');
    expect(example?.bodies.map((b) => [b.name, b.text])).toEqual([
      [undefined, '{"plain": 1}'],
      ['OK', '{"ok": true}'],
      ['Slow', '{"ok": true, "queued": 1}'],
      ['Slow-2', '{"ok": true, "queued": 2}'],
    ]);
  });

  it('reads request examples, {% code-tabs %} included', () => {
    const { operations, warnings } = parseGitbook(
      page(`{% api-method-spec %}
{% api-method-request %}
{% api-method-request-example %}
{% code-tabs %}
{% code-tabs-item title="minimal" %}
${fence('json', '{"name": "a"}')}
{% endcode-tabs-item %}
{% endcode-tabs %}
{% endapi-method-request-example %}
{% endapi-method-request %}
{% endapi-method-spec %}`),
    );
    expect(warnings).toEqual([]);
    expect(operations[0]?.requestExamples.map((b) => [b.name, b.language, b.text, b.line])).toEqual([
      ['minimal', 'json', '{"name": "a"}', 13],
    ]);
  });

  it('reads CRLF pages and non-ASCII text alike, line numbers included', () => {
    const text = page(`{% api-method-spec %}
{% api-method-request %}
{% api-method-query-parameters %}
{% api-method-parameter name="città" type="string" required %}
Città di partenza — 出发城市
{% endapi-method-parameter %}
{% endapi-method-query-parameters %}
{% endapi-method-request %}
{% endapi-method-spec %}`);
    const lf = parseGitbook(text);
    expect(parseGitbook(text.replace(/\n/g, '\r\n'))).toEqual(lf);
    expect(lf.operations[0]?.parameters).toEqual([
      {
        name: 'città',
        location: 'query',
        type: 'string',
        required: true,
        description: 'Città di partenza — 出发城市',
        line: 10,
      },
    ]);
  });

  it('warns about markup it cannot place, and still reads the blocks around it', () => {
    const { operations, warnings } = parseGitbook(
      `{% endapi-method-spec %}\n${page('{% api-method-spec %}\n{% api-method-nonsense %}\n', 'method="FETCH" path="/a"')}${page('', 'method="get" path="/b"')}`,
    );
    expect(operations.map((o) => [o.method, o.path])).toEqual([
      ['get', '/a'],
      ['get', '/b'],
    ]);
    expect(warnings).toEqual([
      'line 1: {% endapi-method-spec %} closes nothing; ignored',
      'line 9: unknown tag {% api-method-nonsense %}; its content is read as far as possible',
      'line 8: {% api-method-spec %} is not closed before {% endapi-method %} on line 11',
      'line 4: method "FETCH" is not an HTTP method; read as GET',
    ]);
  });
});
