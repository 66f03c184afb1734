// RFC 6901 JSON pointers: the kit names offending fields by pointer (`/result/access_token`).

export function getPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** How a pointer reads in a message: the root is called "the body". */
export function describePointer(pointer: string): string {
  return pointer === '' ? 'the body' : pointer;
}
