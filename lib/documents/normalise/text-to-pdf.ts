import { PDFDocument, type PDFFont } from 'pdf-lib';
import { MEDIA, type TMedia } from '@/lib/job-options/media';
import { DocumentError } from '@/lib/documents/document-error';
import { loadTextFont } from './load-text-font';

export const TEXT_LAYOUT = { fontSizePt: 10, lineHeightPt: 13, marginPt: 48, tabWidth: 8 } as const;

/**
 * Lays plain text out on pages of `media` in a monospaced CJK-capable font.
 * Form feeds start a new page (the plain-text convention for page breaks); tabs
 * expand to 8-column stops; long lines wrap at a space when there is one and
 * anywhere otherwise (CJK text has no spaces, and breaking between ideographs is
 * correct). Other control characters are dropped. Fails with `too_many_pages` as soon
 * as the layout passes `maxPages`, without laying out the rest of a huge file.
 */
export async function textToPdf(text: string, options: { media: TMedia; maxPages: number }): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await loadTextFont(doc);
  const { widthPt, heightPt } = MEDIA[options.media];
  const maxWidth = widthPt - 2 * TEXT_LAYOUT.marginPt;
  const linesPerPage = Math.floor((heightPt - 2 * TEXT_LAYOUT.marginPt) / TEXT_LAYOUT.lineHeightPt);

  const pages = layoutText(text, font, maxWidth, linesPerPage, options.maxPages);
  if (pages.every((lines) => lines.every((line) => line.trim() === ''))) {
    throw new DocumentError('no_pages', 'This text file has no text to print.');
  }
  for (const lines of pages) {
    const page = doc.addPage([widthPt, heightPt]);
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      page.drawText(line, {
        x: TEXT_LAYOUT.marginPt,
        y: heightPt - TEXT_LAYOUT.marginPt - TEXT_LAYOUT.fontSizePt - index * TEXT_LAYOUT.lineHeightPt,
        size: TEXT_LAYOUT.fontSizePt,
        font,
      });
    });
  }
  return doc;
}

function layoutText(text: string, font: PDFFont, maxWidth: number, linesPerPage: number, maxPages: number): string[][] {
  const widths = new Map<string, number>();
  const widthOf = (char: string) => {
    let width = widths.get(char);
    if (width === undefined) {
      width = font.widthOfTextAtSize(char, TEXT_LAYOUT.fontSizePt);
      widths.set(char, width);
    }
    return width;
  };
  const pages: string[][] = [[]];
  const newPage = () => {
    // One spare page: a trailing form feed opens a page that is dropped below.
    if (pages.length > maxPages) throw tooManyPages(maxPages);
    pages.push([]);
  };
  const addLine = (line: string) => {
    if (pages[pages.length - 1].length === linesPerPage) newPage();
    pages[pages.length - 1].push(line);
  };

  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '')
    .split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const segments = line.split('\f');
    segments.forEach((segment, index) => {
      if (index > 0) newPage();
      if (segment === '' && segments.length > 1) return;
      for (const wrapped of wrapLine(expandTabs(segment), widthOf, maxWidth)) addLine(wrapped);
    });
  }
  while (pages.length > 1 && pages[pages.length - 1].length === 0) pages.pop();
  if (pages.length > maxPages) throw tooManyPages(maxPages);
  return pages;
}

function tooManyPages(maxPages: number): DocumentError {
  return new DocumentError('too_many_pages', `This text file would print on more than ${maxPages} pages. Split it and upload the parts.`);
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let column = 0;
  let result = '';
  for (const char of line) {
    if (char === '\t') {
      const spaces = TEXT_LAYOUT.tabWidth - (column % TEXT_LAYOUT.tabWidth);
      result += ' '.repeat(spaces);
      column += spaces;
    } else {
      result += char;
      column++;
    }
  }
  return result;
}

const isBreakAfter = (char: string) => char === ' ' || char.codePointAt(0)! >= 0x2e80;

function wrapLine(line: string, widthOf: (char: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let width = 0;
  for (const char of line) {
    const charWidth = widthOf(char);
    if (width + charWidth > maxWidth && current.length > 0) {
      const lastBreak = current.findLastIndex(isBreakAfter);
      const cut = lastBreak >= 0 ? lastBreak + 1 : current.length;
      lines.push(current.slice(0, cut).join('').trimEnd());
      current = current.slice(cut);
      width = current.reduce((sum, c) => sum + widthOf(c), 0);
    }
    current.push(char);
    width += charWidth;
  }
  lines.push(current.join(''));
  return lines;
}
