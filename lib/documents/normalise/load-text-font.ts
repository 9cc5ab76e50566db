import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { DocumentError } from '@/lib/documents/document-error';

/**
 * WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`, Apache-2.0) covers Latin and CJK
 * and is TrueType, which matters: @pdf-lib/fontkit subsets TrueType correctly but
 * breaks CFF fonts such as Noto Sans CJK. The monospaced face suits plain text.
 */
export const TEXT_FONT = {
  path: process.env.NEARPRINT_TEXT_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  postscriptName: process.env.NEARPRINT_TEXT_FONT_FACE ?? 'WenQuanYiMicroHeiMono',
};

let fontBytes: Promise<Uint8Array> | null = null;

/**
 * Embeds the text font subset to the glyphs actually drawn, so a page of Chinese
 * costs kilobytes, not the 5 MB collection. The font is a TrueType *collection*
 * (.ttc): pdf-lib hands raw bytes to `fontkit.create`, which returns the collection
 * rather than a face, so the fontkit we register picks the face by PostScript name.
 */
export async function loadTextFont(doc: PDFDocument): Promise<PDFFont> {
  fontBytes ??= readFile(TEXT_FONT.path).catch((error: unknown) => {
    fontBytes = null;
    throw new DocumentError('conversion_failed', undefined, { cause: error, details: `text font missing: ${TEXT_FONT.path}` });
  });
  const bytes = await fontBytes;
  doc.registerFontkit({ create: (buffer: Uint8Array) => fontkit.create(buffer, TEXT_FONT.postscriptName) });
  return doc.embedFont(bytes, { subset: true });
}
