// A curl command line that sends a request again, for the evidence: shell-quoted, with characters
// outside printable ASCII as bash $'\u…' escapes so the line survives a terminal and a copy-paste.
// Secrets are replaced by value before it is shown (the caller's redactor does that).
import type { RequestSpec } from '../exchange.ts';

function quote(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `'${text.replaceAll("'", `'\\''`)}'`;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `$'${out}'`;
}

export function curlLine(url: string, request: Pick<RequestSpec, 'method' | 'headers' | 'body'>): string {
  const parts = ['curl', '-sS', ...(request.method === 'HEAD' ? ['-I'] : ['-i', '-X', request.method]), quote(url)];
  const headers = { ...request.headers };
  // fetch labels a text body text/plain; curl would call it a form.
  if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'text/plain;charset=UTF-8';
  }
  for (const [name, value] of Object.entries(headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  return parts.join(' ');
}
