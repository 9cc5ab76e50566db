/**
 * Reads a body one chunk at a time, counting bytes as they arrive, and fails with
 * `tooLarge()` the moment the count passes `maxBytes`: the source is cancelled at once, so a
 * sender that lied about its length (or sent none: chunked) is stopped after at most one
 * chunk past the limit. Nothing is read ahead of the consumer, so memory stays at a chunk.
 */
export class ByteLimitedReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private isDone = false;
  bytesRead = 0;

  constructor(
    source: ReadableStream<Uint8Array>,
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    this.reader = source.getReader();
  }

  /** The next chunk, or null at the end of the body. */
  async read(): Promise<Uint8Array | null> {
    if (this.isDone) return null;
    const { done, value } = await this.reader.read();
    if (done) {
      this.isDone = true;
      return null;
    }
    this.bytesRead += value.byteLength;
    if (this.bytesRead > this.maxBytes) {
      await this.cancel();
      throw this.tooLarge();
    }
    return value;
  }

  /** Reads until at least `bytes` have arrived or the body ended; `isComplete` says which. */
  async readHead(bytes: number): Promise<{ chunks: Uint8Array[]; isComplete: boolean }> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < bytes) {
      const chunk = await this.read();
      if (!chunk) return { chunks, isComplete: true };
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    return { chunks, isComplete: false };
  }

  /** `first`, then the rest of the body, as a pull stream (each chunk passes `onChunk`). */
  rest(first: Uint8Array[], onChunk: (chunk: Uint8Array) => void): ReadableStream<Uint8Array> {
    const pending = [...first];
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const chunk = pending.shift() ?? (await this.read());
          if (!chunk) return controller.close();
          onChunk(chunk);
          controller.enqueue(chunk);
        },
        cancel: () => this.cancel(),
      },
      { highWaterMark: 0 },
    );
  }

  async cancel(): Promise<void> {
    this.isDone = true;
    await this.reader.cancel().catch(() => undefined);
  }
}
