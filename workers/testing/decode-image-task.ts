/**
 * A task module for tests of the isolation (process-pool.ts): decodes an image whole, with no
 * pixel limit, as a decoder without Nearprint's header check would, and answers its size.
 */
import sharp from 'sharp';
import { answer, answerError, taskPort } from '../isolate/task-port';

const port = taskPort('decode-image');

port.onMessage(({ id, input }: { id: number; input: { bytes: Uint8Array } }) => {
  sharp(input.bytes, { limitInputPixels: false })
    .raw()
    .toBuffer()
    .then((pixels) => answer(port, id, { bytes: pixels.length }))
    .catch((error: unknown) => answerError(port, id, error, 'decode-image'));
});

port.postMessage({ ready: true });
