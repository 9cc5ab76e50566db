import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { concatTransformationMatrix, drawObject, PDFDocument, type PDFRef, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import sharp from 'sharp';
import { MEDIA, type TMedia } from '@/lib/job-options/media';
import { DocumentError } from '@/lib/documents/document-error';
import { jpegImageLength } from '@/lib/documents/find-polyglot';

/** Above this an image is refused before decoding: 100 MP is a 40×28 in print at 300 dpi. */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** PNGs are decoded anyway, so they are scaled down to at most this resolution on the page. */
const MAX_PNG_DPI = 600;

const deflateAsync = promisify(deflate);

type TMatrix = [number, number, number, number, number, number];

/**
 * One image becomes one page of `media`, turned to the image's orientation (a
 * landscape photo gets a landscape page; fitToMedia later turns it onto the sheet),
 * scaled to fit and centred. Dimensions come from the header (sharp metadata) before
 * anything is decoded, so a decompression bomb is refused without allocating it.
 * JPEGs are embedded as they are (no recompression) and EXIF orientation is applied
 * with the drawing matrix; PNGs are decoded by sharp (native, far faster than
 * pdf-lib's JS decoder), auto-rotated, flattened onto white and stored Flate-compressed.
 */
export async function imageToPdf(bytes: Uint8Array, type: 'jpeg' | 'png', options: { media: TMedia }): Promise<PDFDocument> {
  const metadata = await readMetadata(bytes);
  const { width, height } = metadata;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new DocumentError('image_too_large', `This image is ${width}×${height} pixels, over the ${MAX_IMAGE_PIXELS / 1_000_000}-megapixel limit. Resize it and upload it again.`);
  }
  const orientation = metadata.orientation ?? 1;
  const isTransposed = orientation >= 5;
  const displayWidth = isTransposed ? height : width;
  const displayHeight = isTransposed ? width : height;

  const doc = await PDFDocument.create();
  const media = MEDIA[options.media];
  const isLandscape = displayWidth > displayHeight;
  const pageWidth = isLandscape ? media.heightPt : media.widthPt;
  const pageHeight = isLandscape ? media.widthPt : media.heightPt;
  const scale = Math.min(pageWidth / displayWidth, pageHeight / displayHeight);
  const rect = {
    width: displayWidth * scale,
    height: displayHeight * scale,
    x: (pageWidth - displayWidth * scale) / 2,
    y: (pageHeight - displayHeight * scale) / 2,
  };

  const image = type === 'jpeg' ? { ref: await embedJpeg(doc, bytes), orientation } : { ref: await embedPng(doc, bytes, { width: pageWidth, height: pageHeight }), orientation: 1 };
  const page = doc.addPage([pageWidth, pageHeight]);
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...orientationMatrix(image.orientation, rect)), drawObject(name), popGraphicsState());
  return doc;
}

async function readMetadata(bytes: Uint8Array): Promise<{ width: number; height: number; orientation?: number }> {
  try {
    // Header only, nothing decoded: the pixel limit is ours to enforce, with our message.
    const { width, height, orientation } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!width || !height) throw new Error('image without dimensions');
    return { width, height, orientation };
  } catch (error) {
    throw imageDamaged(error);
  }
}

async function embedJpeg(doc: PDFDocument, bytes: Uint8Array): Promise<PDFRef> {
  try {
    // Only the image itself: a motion photo's video or other trailer stays out of the PDF.
    return (await doc.embedJpg(bytes.subarray(0, jpegImageLength(bytes)))).ref;
  } catch (error) {
    throw imageDamaged(error);
  }
}

async function embedPng(doc: PDFDocument, bytes: Uint8Array, pagePt: { width: number; height: number }): Promise<PDFRef> {
  const maxWidth = Math.round((Math.max(pagePt.width, pagePt.height) / 72) * MAX_PNG_DPI);
  let decoded: { data: Buffer; info: { width: number; height: number; channels: number } };
  let isGray: boolean;
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS });
    const { channels = 3, space } = await image.metadata();
    isGray = channels <= 2 || space === 'b-w' || space === 'grey16';
    decoded = await image
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: maxWidth, height: maxWidth, fit: 'inside', withoutEnlargement: true })
      .toColourspace(isGray ? 'b-w' : 'srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw imageDamaged(error);
  }
  const { width, height, channels } = decoded.info;
  const stream = doc.context.stream(await deflateAsync(decoded.data), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: 8,
    ColorSpace: channels === 1 ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'FlateDecode',
  });
  return doc.context.register(stream);
}

/**
 * Maps the image's unit square onto `rect` so that it displays as EXIF `orientation`
 * says (1–8: the four rotations, each optionally mirrored). PDF draws an image's
 * first row at the top of the unit square, the same convention as EXIF's "row 0".
 */
export function orientationMatrix(orientation: number, rect: { x: number; y: number; width: number; height: number }): TMatrix {
  const { x, y, width: w, height: h } = rect;
  switch (orientation) {
    case 2:
      return [-w, 0, 0, h, x + w, y];
    case 3:
      return [-w, 0, 0, -h, x + w, y + h];
    case 4:
      return [w, 0, 0, -h, x, y + h];
    case 5:
      return [0, -h, -w, 0, x + w, y + h];
    case 6:
      return [0, -h, w, 0, x, y + h];
    case 7:
      return [0, h, w, 0, x, y];
    case 8:
      return [0, h, -w, 0, x + w, y];
    default:
      return [w, 0, 0, h, x, y];
  }
}

function imageDamaged(error: unknown): DocumentError {
  if (error instanceof DocumentError) return error;
  const message = String(error);
  if (/pixel limit/i.test(message)) {
    return new DocumentError('image_too_large', undefined, { cause: error, details: message });
  }
  return new DocumentError('damaged', "This image is damaged and can't be printed. Save it again and upload the new file.", {
    cause: error,
    details: message,
  });
}
