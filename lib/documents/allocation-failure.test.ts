import { describe, expect, it } from 'vitest';
import { isAllocationFailure } from './allocation-failure';
import { DocumentError } from './document-error';

describe('isAllocationFailure', () => {
  it('finds memory refused under the limit, also as the cause of a coded error', () => {
    expect(isAllocationFailure(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isAllocationFailure(new DocumentError('damaged', undefined, { cause: new Error('vips_image_write_to_memory: out of memory -- size == 1144MB') }))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isAllocationFailure(new DocumentError('damaged'))).toBe(false);
    expect(isAllocationFailure(new RangeError('Invalid array length'))).toBe(false);
    expect(isAllocationFailure('out of memory')).toBe(false);
    expect(isAllocationFailure(undefined)).toBe(false);
  });
});
