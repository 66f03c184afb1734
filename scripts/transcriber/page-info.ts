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

/** The first `# Heading` outside code fences and tags. */
function firstHeading(text: string): string | undefined {
  let fenced = false;
  for (const line of text.split('\n')) {
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
  const body = normalised.replace(FRONT_MATTER, (m) => '\n'.repeat(m.split('\n').length - 1));
  return {
    title: firstHeading(body) ?? text(front.title),
    description: text(front.description),
    warnings,
  };
}
