import { fileTypeFromBuffer } from 'file-type';
import { DocumentError } from './document-error';
import { findPolyglot } from './find-polyglot';

export const DOCUMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  png: { mime: 'image/png', extensions: ['png'] },
  text: { mime: 'text/plain', extensions: ['txt', 'text', 'md', 'csv', 'tsv', 'log'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'] },
} as const;

export type TDocumentType = keyof typeof DOCUMENT_TYPES;
export type TOfficeType = Extract<TDocumentType, 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp'>;

const OFFICE_TYPES: readonly TDocumentType[] = ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'];

export type TDetectedDocument = {
  type: TDocumentType;
  mime: string;
  /** Canonical extension for the detected type, e.g. for a stored copy's name. */
  extension: string;
  isOffice: boolean;
  declaredExtension: string | null;
  /** The name said one thing and the content another; the content won. Worth telling the customer. */
  hasMismatchedExtension: boolean;
};

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Decides what a file is from its content alone (magic bytes), never from its name.
 * PDF must start with `%PDF-` at offset 0: readers that accept a header anywhere in
 * the first KiB are exactly what polyglots exploit. Refuses empty, oversized,
 * polyglot (see `findPolyglot`) and unsupported files with a customer-facing message.
 * `isHeadOnly`: `bytes` are the first part of a longer file (an upload being streamed):
 * the type is decided from them, the whole-file checks (polyglot) wait for inspection.
 */
export async function detectDocumentType(bytes: Uint8Array, options: { filename?: string; maxBytes?: number; isHeadOnly?: boolean } = {}): Promise<TDetectedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const declaredExtension = extensionOf(options.filename);
  const isHeadOnly = options.isHeadOnly ?? false;
  if (bytes.length === 0) throw new DocumentError('empty');
  if (bytes.length > maxBytes) {
    throw new DocumentError('too_large', `This file is larger than the ${formatMegabytes(maxBytes)} limit.`);
  }

  const type = await sniffType(bytes, declaredExtension, isHeadOnly);
  const polyglotKind = type === 'pdf' || type === 'jpeg' || type === 'png' ? type : OFFICE_TYPES.includes(type) ? 'office' : null;
  // A polyglot hides its second file anywhere, often at the end: only the whole file can be
  // cleared (inspection does that for uploads, which are streamed and judged by their head).
  const polyglot = polyglotKind && !isHeadOnly ? findPolyglot(bytes, polyglotKind) : null;
  if (polyglot) throw new DocumentError('polyglot', undefined, { details: polyglot });

  const { mime, extensions } = DOCUMENT_TYPES[type];
  return {
    type,
    mime,
    extension: extensions[0],
    isOffice: OFFICE_TYPES.includes(type),
    declaredExtension,
    hasMismatchedExtension: declaredExtension !== null && !(extensions as readonly string[]).includes(declaredExtension),
  };
}

async function sniffType(bytes: Uint8Array, declaredExtension: string | null, isHeadOnly: boolean): Promise<TDocumentType> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';

  // Before file-type, which reads a UTF-16 BOM as an MPEG audio frame.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new DocumentError('unsupported_type', 'This text file is saved as UTF-16. Save it as UTF-8 and upload it again.');
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed && (OFFICE_TYPES as readonly string[]).includes(sniffed.ext)) return sniffed.ext as TDocumentType;
  if (sniffed) throw unsupported(`a .${sniffed.ext} file`, declaredExtension);
  return classifyText(bytes, declaredExtension, isHeadOnly);
}

function classifyText(bytes: Uint8Array, declaredExtension: string | null, isHeadOnly: boolean): 'text' {
  if (bytes.includes(0)) throw unsupported('a binary file', declaredExtension);
  let text: string;
  try {
    // A head may end inside a multi-byte character: `stream` leaves it for the (absent) rest.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: isHeadOnly });
  } catch {
    throw new DocumentError('unsupported_type', "This text file isn't UTF-8 encoded. Save it as UTF-8 and upload it again.");
  }
  // Allowed controls: tab, newline, vertical tab, form feed (page break), carriage return, escape.
  const controls = text.match(/[\u0001-\u0008\u000E-\u001A\u001C-\u001F\u007F]/g)?.length ?? 0;
  if (controls > text.length / 100) throw unsupported('a binary file', declaredExtension);
  return 'text';
}

function unsupported(what: string, declaredExtension: string | null): DocumentError {
  const disguise = declaredExtension ? `Its name ends in .${declaredExtension}, but it is really ${what}. ` : `This is ${what}. `;
  return new DocumentError('unsupported_type', `${disguise}We can print PDFs, JPEG and PNG images, and plain-text files.`);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function extensionOf(filename: string | undefined): string | null {
  const match = filename ? /\.([A-Za-z0-9]{1,10})$/.exec(filename.trim()) : null;
  return match ? match[1].toLowerCase() : null;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
