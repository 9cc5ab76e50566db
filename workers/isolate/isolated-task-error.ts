/** Work on a customer's file ended without an answer: what ended it. */
export class IsolatedTaskError extends Error {
  constructor(
    message: string,
    readonly reason: 'out_of_memory' | 'resource_limit' | 'timeout' | 'crashed',
  ) {
    super(message);
  }
}
