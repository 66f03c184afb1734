/**
 * Users for the stateful mode from a file or a list in code, replacing the demo users.
 * A file is JSON or YAML, either a list or `{ users: [...] }`:
 *
 *   - user: carol              # the login `user` field
 *     password: s3cret
 *     passwordReset: true      # optional: login answers with the documented `redirect` hint
 */
import { parse } from 'yaml';
import { z } from 'zod';
import type { MockUser } from './demo-users.ts';

const entrySchema = z.strictObject({
  user: z.string().min(1, 'user must be a non-empty string'),
  password: z.string(),
  passwordReset: z.boolean().optional(),
});
const listSchema = z.array(entrySchema).min(1, 'the list holds no user');

/** Checks a list of users; throws an Error naming the first problem (`source` says where it came from). */
export function checkUsers(entries: unknown, source = 'users'): MockUser[] {
  const list =
    entries && typeof entries === 'object' && !Array.isArray(entries) && 'users' in entries
      ? (entries as { users: unknown }).users
      : entries;
  const parsed = listSchema.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(
      `${source}${where}: ${issue?.message ?? 'unusable'} (expected a list of {user, password, passwordReset?})`,
    );
  }
  const seen = new Set<string>();
  return parsed.data.map((entry) => {
    if (seen.has(entry.user)) throw new Error(`${source}: user '${entry.user}' appears twice`);
    seen.add(entry.user);
    return { user: entry.user, password: entry.password, passwordReset: entry.passwordReset ?? false };
  });
}

/** Reads the text of a users file (JSON or YAML). */
export function parseUsersFile(text: string, source = 'users file'): MockUser[] {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON or YAML: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
  return checkUsers(value, source);
}
