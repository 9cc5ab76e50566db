import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { textFontSettings } from '@/lib/config/text-font-settings';
import { DocumentError } from '@/lib/documents/document-error';

let fontBytes: Promise<Uint8Array> | null = null;

/**
 * Embeds the text font subset to the glyphs actually drawn, so a page of Chinese
 * costs kilobytes, not the 5 MB collection. The font is a TrueType *collection*
 * (.ttc): pdf-lib hands raw bytes to `fontkit.create`, which returns the collection
 * rather than a face, so the fontkit we register picks the face by PostScript name.
 */
export async function loadTextFont(doc: PDFDocument): Promise<PDFFont> {
  const font = textFontSettings();
  fontBytes ??= readFile(font.path).catch((error: unknown) => {
    fontBytes = null;
    throw new DocumentError('conversion_failed', undefined, { cause: error, details: `text font missing: ${font.path}` });
  });
  const bytes = await fontBytes;
  doc.registerFontkit({ create: (buffer: Uint8Array) => fontkit.create(buffer, font.postscriptName) });
  return doc.embedFont(bytes, { subset: true });
}
