/** Work on a customer's file ended without an answer: what ended it. */
export class IsolatedTaskError extends Error {
  constructor(
    message: string,
    readonly reason: 'out_of_memory' | 'cpu_limit' | 'timeout' | 'crashed',
  ) {
    super(message);
  }
}

/**
 * A task child exits with this code when an allocation failed under its memory limit (V8 then
 * throws a RangeError rather than dying): its memory is exhausted, so it answers nothing more.
 */
export const OUT_OF_MEMORY_EXIT_CODE = 75;
