/** The rule modules' JSON-pointer helpers; they live in common/. */
export { childPointer, escapeSegment, resolveLocalRef, unescapeSegment } from '../../common/json-pointer.ts';
