/**
 * The whole transcription, as both `npm run transcribe` and `npm run spec` run it: GitBook page →
 * faithful OpenAPI document → (when an overlay is given) the merged document tools consume.
 */
import { parse } from 'yaml';
import { applyOverlay, type Overlay } from './apply-overlay.ts';
import { type TranscribeOptions, transcribe } from './to-openapi.ts';

export interface DocsTranscription {
  /** The faithful transcription of the page. */
  document: Record<string, unknown>;
  /** The transcription with the overlay applied; the transcription itself without an overlay. */
  merged: Record<string, unknown>;
  warnings: string[];
}

export function transcribeDocs(markdown: string, overlayText?: string, options?: TranscribeOptions): DocsTranscription {
  const { document, warnings } = transcribe(markdown, options);
  const merged = overlayText === undefined ? document : applyOverlay(document, parse(overlayText) as Overlay);
  return { document, merged, warnings };
}
