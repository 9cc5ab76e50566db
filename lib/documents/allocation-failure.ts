/**
 * True when `error`, or anything in its `cause` chain, is memory being refused under the
 * process's limit: V8's "Array buffer allocation failed" (an ArrayBuffer or Buffer) or a
 * native library's "out of memory" (libvips through sharp: "vips_image_write_to_memory: out of
 * memory"). Such a file is not damaged, it is too big to open here: it must not be retried or
 * repaired in the same process.
 */
export function isAllocationFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 10; current = (current as { cause?: unknown }).cause, depth += 1) {
    if (current instanceof Error && /allocation failed|out of memory/i.test(current.message)) return true;
  }
  return false;
}
