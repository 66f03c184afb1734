// The API reference page: Scalar renders the merged spec, with assumed responses marked.
import '@scalar/api-reference/style.css';
import { createApiReference } from '@scalar/api-reference';
import { markAssumed } from './reference-document.ts';

createApiReference('#reference', {
  content: markAssumed(),
  // Everything the page needs ships with it: no web fonts, no telemetry, no hosted services.
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: true,
  hideDarkModeToggle: true,
  forceDarkModeState: 'light',
  defaultOpenAllTags: true,
  documentDownloadType: 'yaml',
  onLoaded: () => {
    document.body.dataset.ready = 'true';
  },
});
