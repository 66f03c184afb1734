/**
 * Checks the docs' own references: every relative link reaches a file (and, with `#anchor`, a heading
 * in it), and every `npm run NAME` names a script in package.json. Pure: the caller reads the files.
 */
import { dirname, join, normalize } from 'node:path';

export interface DocProblem {
  file: string;
  line: number;
  message: string;
}

interface Found<T> {
  value: T;
  line: number;
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): Found<string>[] {
  let fenced = false;
  const lines: Found<string>[] = [];
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    else if (!fenced) lines.push({ value: text, line: i + 1 });
  });
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { value } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(value)?.[1];
    if (heading === undefined) continue;
    const slug = headingSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Link targets of `[text](target)` outside code, inline code spans left out. */
export function markdownLinks(markdown: string): Found<string>[] {
  const links: Found<string>[] = [];
  for (const { value, line } of proseLines(markdown)) {
    const prose = value.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ value: match[1] as string, line });
    }
  }
  return links;
}

/** Every `npm run NAME` in the text, code blocks included. */
export function npmRunNames(markdown: string): Found<string>[] {
  const names: Found<string>[] = [];
  markdown.split('\n').forEach((text, i) => {
    for (const match of text.matchAll(/\bnpm run ([\w:.-]*[\w])/g))
      names.push({ value: match[1] as string, line: i + 1 });
  });
  return names;
}

export interface DocSet {
  /** Paths relative to the repository root, with their text. */
  docs: ReadonlyMap<string, string>;
  /** Text of any repository file (relative path), or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  scripts: ReadonlySet<string>;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

export function checkDocs({ docs, readFile, scripts }: DocSet): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const [file, text] of docs) {
    for (const { value: target, line } of markdownLinks(text)) {
      if (EXTERNAL.test(target)) continue;
      const [path = '', anchor] = target.split('#', 2);
      const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
      const content = resolved === file ? text : readFile(resolved);
      if (content === undefined) {
        problems.push({ file, line, message: `link to ${target}: ${resolved} does not exist` });
      } else if (anchor && resolved.endsWith('.md') && !headingAnchors(content).has(anchor)) {
        problems.push({ file, line, message: `link to ${target}: ${resolved} has no heading #${anchor}` });
      }
    }
    for (const { value: name, line } of npmRunNames(text)) {
      if (!scripts.has(name))
        problems.push({ file, line, message: `npm run ${name}: package.json has no such script` });
    }
  }
  return problems;
}
