// The suggested overlay as YAML (OpenAPI Overlay 1.0, the format of spec/overlay.yaml), each
// action under a comment naming the exchange it came from. Given the text of an earlier
// suggestion, its actions are kept and those the new ones replace (same target, same kind) dropped.
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SuggestedAction } from '../judge/drift/suggest-overlay.ts';

export interface OverlayTextOptions {
  /** Whose answers the mock is made to follow, e.g. the base URL or the HAR file. */
  source: string;
  /** The file's current text, when it exists. */
  existing?: string;
}

/** Same target and same kind (a removal, or an update of the same keys): the newer action wins. */
function actionKey(action: { target?: unknown; remove?: unknown; update?: unknown }): string {
  const kind =
    action.remove === true
      ? 'remove'
      : action.update !== null && typeof action.update === 'object'
        ? Object.keys(action.update).sort().join(',')
        : 'update';
  return `${String(action.target)}\u0000${kind}`;
}

const header = (source: string) =>
  [
    ` Suggested by \`npm run contract -- --compare-mock --suggest-overlay\`: overlay actions that make`,
    ` the mock answer like ${source} where the docs leave room (how refusals are sent, the assumed`,
    ' error bodies, Cache-Control and Retry-After). The documented answers are never changed.',
    ' Apply it as a layer after spec/overlay.yaml: put it in spec/overlays/ and run `npm run spec`.',
  ].join('\n');

/** The overlay text, or an error message when `existing` is not an overlay this can extend. */
export function overlayText(
  actions: readonly SuggestedAction[],
  options: OverlayTextOptions,
): string | { error: string } {
  const doc =
    options.existing === undefined || options.existing.trim() === ''
      ? new Document({
          overlay: '1.0.0',
          info: { title: 'Login API - the mock made to answer like the server', version: '1.0.0' },
          actions: [],
        })
      : parseDocument(options.existing);
  if (doc.errors.length > 0) return { error: `it is not YAML (${doc.errors[0]?.message.split('\n')[0]})` };
  const root = doc.contents;
  const list = isMap(root) ? (root as YAMLMap).get('actions', true) : undefined;
  if (!isMap(root) || !(root as YAMLMap).has('overlay') || !isSeq(list)) {
    return { error: 'it is not an OpenAPI Overlay (no overlay version and actions list)' };
  }
  if (options.existing === undefined || options.existing.trim() === '') doc.commentBefore = header(options.source);
  const seq = list as YAMLSeq;
  // The parser hangs the first item's comment on the list: move it back, so it goes with its item.
  const firstItem = seq.items[0] as { commentBefore?: string | null } | undefined;
  if (seq.commentBefore && firstItem && !firstItem.commentBefore) {
    firstItem.commentBefore = seq.commentBefore;
    seq.commentBefore = null;
  }
  const replaced = new Set(actions.map((a) => actionKey(a)));
  seq.items = seq.items.filter(
    (item) => !replaced.has(actionKey((isMap(item) ? item.toJSON() : {}) as Record<string, unknown>)),
  );
  for (const action of actions) {
    const node = doc.createNode({
      target: action.target,
      description: action.description,
      ...(action.remove ? { remove: true } : { update: action.update }),
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a comment is one line of printable text
    node.commentBefore = ` ${action.from.replace(/[\s\u0000-\u001f\u007f]+/g, ' ')}`;
    seq.items.push(node);
  }
  return doc.toString({ lineWidth: 0 });
}
