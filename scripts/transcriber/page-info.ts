/**
 * The page's title and description for OpenAPI `info`: the title is the page's first H1 (as GitBook
 * shows it), the description the front matter's `description:`, read with a YAML parser so folded
 * (`>-`) and quoted values come out as text.
 */
import { parse } from 'yaml';
import { unescapeMarkdown } from './gitbook-parse.ts';

export interface PageInfo {
  title: string | undefined;
  description: string | undefined;
  warnings: string[];
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

function frontMatter(text: string, warnings: string[]): Record<string, unknown> {
  const match = FRONT_MATTER.exec(text);
  if (!match) return {};
  try {
    const value: unknown = parse(match[1] ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch (error) {
    warnings.push(`line 1: front matter is not YAML (${(error as Error).message.split('\n')[0]}); ignored`);
    return {};
  }
}

/** The first `# Heading` outside code fences and tags (line by line, stopping there: pages can be large). */
function firstHeading(text: string): string | undefined {
  let fenced = false;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    // A heading longer than this is cut there (the regexes below then stay linear).
    const line = text.slice(start, Math.min(end, start + 4096));
    start = end + 1;
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/.exec(line)?.[1];
    if (heading) return unescapeMarkdown(heading).trim() || undefined;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function pageInfo(markdown: string): PageInfo {
  const normalised = markdown.replace(/\r\n?/g, '\n');
  const warnings: string[] = [];
  const front = frontMatter(normalised, warnings);
  // The heading is looked for after the front matter (the page is not copied to drop it).
  const frontLength = FRONT_MATTER.exec(normalised)?.[0].length ?? 0;
  const body = normalised.slice(frontLength);
  return {
    title: firstHeading(body) ?? text(front.title),
    description: text(front.description),
    warnings,
  };
}
