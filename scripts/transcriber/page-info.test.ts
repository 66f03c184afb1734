import { describe, expect, it } from 'vitest';
import { pageInfo } from './page-info.ts';

describe('pageInfo', () => {
  it('takes the title from the H1 and the description from the front matter, folded or not', () => {
    expect(pageInfo('---\ndescription: >-\n  Creates geofences\n  for a project.\n---\n\n# Create Geofence\n')).toEqual(
      {
        title: 'Create Geofence',
        description: 'Creates geofences for a project.',
        warnings: [],
      },
    );
  });

  it('reads CRLF front matter, skips headings in code, unescapes markdown', () => {
    const text = '---\r\ndescription: "Quoted: yes"\r\n---\r\n```\r\n# not a title\r\n```\r\n# Upload Event\\(s\\)\r\n';
    expect(pageInfo(text)).toMatchObject({ title: 'Upload Event(s)', description: 'Quoted: yes' });
  });

  it('warns about front matter that is not YAML, and goes on', () => {
    expect(pageInfo('---\ndescription: [unclosed\n---\n# T\n')).toMatchObject({
      title: 'T',
      description: undefined,
      warnings: [expect.stringMatching(/^line 1: front matter is not YAML/)],
    });
  });
});
