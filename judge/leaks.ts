// What an error answer must never hold: traces of the server's internals (stack traces, source
// file paths, SQL and its error messages, template fragments) and secrets the client sent.
// Each finding names its kind and the matching excerpt. Text an answer merely echoes back from
// the request (a user name holding "{{", say) is no leak of the server's own.

export interface Leak {
  kind: string;
  excerpt: string;
}

const patterns: { kind: string; pattern: RegExp }[] = [
  {
    kind: 'a stack trace',
    pattern: /\bat (?:async )?[\w$.<>[\]]+ \((?:file:\/\/)?[^\s()]+(?:\.\w{1,4}|node:[\w/]+|<anonymous>):\d+:\d+\)/,
  },
  { kind: 'a stack trace', pattern: /\bat (?:async )?(?:file:\/\/)?\/[^\s()]+\.[cm]?[jt]s:\d+:\d+/ },
  { kind: 'a stack trace', pattern: /Traceback \(most recent call last\)/ },
  { kind: 'a stack trace', pattern: /File "[^"]+", line \d+/ },
  { kind: 'a stack trace', pattern: /\bat [\w$.]+\([\w$]+\.(?:java|kt|scala):\d+\)/ },
  { kind: 'a stack trace', pattern: /Exception in thread "|goroutine \d+ \[running\]|panic: runtime error/ },
  { kind: 'a stack trace', pattern: /(?:Fatal error|Parse error|Warning|Notice): .{1,200} on line \d+/ },
  { kind: 'a stack trace', pattern: /\bat [\w.`<>]+\(.*\) in [^\s:]+:line \d+/ },
  {
    kind: 'a file path',
    pattern:
      /(?:^|[\s"'(=:@])\/(?:home|usr|var|opt|srv|root|tmp|app|Users|workspace|code|src)\/(?:[\w.@-]+\/)*[\w.@-]+\.(?:[cm]?[jt]sx?|py|rb|php|java|go|cs|kt|rs|sql|env|ya?ml|conf|ini|db|sqlite)\b/,
  },
  { kind: 'a file path', pattern: /\b[A-Z]:\\(?:[\w .-]+\\)+[\w .-]+\.\w{1,5}\b/ },
  { kind: 'a file path', pattern: /\bnode_modules\/|site-packages\// },
  {
    kind: 'SQL',
    pattern:
      /\b(?:SELECT\s+[\w*,\s."`]+\s+FROM\s+[\w."`]+|INSERT\s+INTO\s+[\w."`]+|UPDATE\s+[\w."`]+\s+SET\s|DELETE\s+FROM\s+[\w."`]+)/,
  },
  {
    kind: 'an SQL error',
    pattern:
      /SQLSTATE\[|syntax error at or near|You have an error in your SQL syntax|\bORA-\d{5}\b|SQLITE_[A-Z]+|\bsqlite3\.\w+Error|psycopg2?\.|\bPG::\w+|Unclosed quotation mark|near "[^"]{0,40}": syntax error|\bER_[A-Z_]+\b|SequelizeDatabaseError|PrismaClient\w*Error|QueryFailedError/,
  },
  {
    kind: 'a runtime error',
    pattern:
      /\b(?:TypeError|ReferenceError|AttributeError|NameError|KeyError): |NullPointerException|NoMethodError|undefined method `|Cannot read propert(?:y|ies) of (?:undefined|null)/,
  },
  { kind: 'a configuration secret', pattern: /\b[A-Z][A-Z0-9_]*_(?:PASSWORD|SECRET|API_KEY|PRIVATE_KEY)\s*[=:]\s*\S/ },
  {
    kind: 'a template fragment',
    pattern: /\{\{\s*[\w.]+(?:\s*\|[^}]*)?\s*\}\}|\{%\s*\w+[^%]*%\}|<%=?\s*[\w.]+\s*%>|\$\{\s*[\w.]+\s*\}/,
  },
];

const excerptAround = (text: string, index: number, length: number) =>
  text
    .slice(Math.max(0, index - 20), index + Math.min(length, 80) + 20)
    .replace(/\s+/g, ' ')
    .trim();

/** Internals found in an answer's text; anything also found in the request text is an echo, not a leak. */
export function internalsIn(answer: string, request: string): Leak[] {
  const found: Leak[] = [];
  for (const { kind, pattern } of patterns) {
    const match = pattern.exec(answer);
    if (!match || request.includes(match[0].trim())) continue;
    if (found.some((f) => f.kind === kind)) continue;
    found.push({ kind, excerpt: excerptAround(answer, match.index, match[0].length) });
  }
  return found;
}

/** A template the server evaluated: the request sent `expression`, the answer holds its value. */
export const templateProbe = { expression: '1337*1337', value: '1787569' };
