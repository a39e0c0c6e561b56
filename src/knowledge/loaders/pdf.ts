import { extractText, getDocumentProxy } from 'unpdf';
import type { FormatLoader } from './format-loader.js';

/**
 * Loads .pdf text with unpdf (bundled PDF.js). Needs no polyfill on Node 20: PDF.js installs its
 * own `Promise.withResolvers`/`Promise.try` when unpdf first loads it. A scanned PDF has no text
 * layer and comes back empty.
 */
export const loadPdf: FormatLoader = async (raw) => {
  // verbosity 0: PDF.js otherwise console.warn()s recovery chatter for every damaged file.
  const doc = await getDocumentProxy(new Uint8Array(raw), { verbosity: 0 });
  try {
    const { text } = await extractText(doc, { mergePages: true });
    return { body: text };
  } finally {
    await doc.destroy();
  }
};
