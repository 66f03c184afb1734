/** JSON pointers (RFC 6901, https://www.rfc-editor.org/rfc/rfc6901): how every part names a place in a document. */

export function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `pointer` extended by `segments`, each escaped. */
export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** The value at `pointer` (own properties only), or undefined. */
export function getPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = unescapeSegment(raw);
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

/** The value at a local `$ref` such as `#/components/schemas/ErrorEnvelope`, or undefined. */
export function resolveLocalRef(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const path = ref.slice(1);
  if (path === '') return document;
  if (!path.startsWith('/')) return undefined;
  let node: unknown = document;
  for (const raw of path.slice(1).split('/')) {
    const key = unescapeSegment(decodeURIComponent(raw));
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
