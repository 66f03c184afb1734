import { describe, expect, it } from 'vitest';
import { checkUsers, parseUsersFile } from './users.ts';

describe('users from a file', () => {
  it('reads JSON and YAML, a list or { users }', () => {
    const want = [
      { user: 'carol', password: 's3cret', passwordReset: false },
      { user: 'dave', password: 'pw', passwordReset: true },
    ];
    expect(
      parseUsersFile('[{"user":"carol","password":"s3cret"},{"user":"dave","password":"pw","passwordReset":true}]'),
    ).toEqual(want);
    expect(
      parseUsersFile(
        'users:\n  - user: carol\n    password: s3cret\n  - user: dave\n    password: pw\n    passwordReset: true\n',
      ),
    ).toEqual(want);
  });

  it.each([
    ['not JSON or YAML', '[{', /users\.yaml: not JSON or YAML/],
    ['an empty list', '[]', /holds no user/],
    ['a missing password', '[{"user":"carol"}]', /at 0\.password/],
    ['an unknown field', '[{"user":"carol","password":"p","admin":true}]', /admin/],
    ['a duplicate user', '[{"user":"a","password":"p"},{"user":"a","password":"q"}]', /'a' appears twice/],
  ])('names the problem for %s, never a password', (_name, text, problem) => {
    expect(() => parseUsersFile(text, 'users.yaml')).toThrow(problem);
    try {
      parseUsersFile(text, 'users.yaml');
    } catch (error) {
      expect((error as Error).message).not.toMatch(/"p"|'q'/);
    }
  });

  it('checks a list given in code', () => {
    expect(checkUsers([{ user: 'x', password: '' }])).toEqual([{ user: 'x', password: '', passwordReset: false }]);
    expect(() => checkUsers([{ user: '', password: 'p' }], 'stateful.users')).toThrow(/stateful\.users at 0\.user/);
  });
});
