import { describe, expect, it } from 'vitest';
import { isPickupCodeCorrect, parsePickupInput, pickupCodeFor, pickupQrPayload } from './pickup-code';

const SECRET = 'unit-test-secret-unit-test-secret-unit';

describe('parsePickupInput', () => {
  it('reads the code alone, typed with spaces or dashes', () => {
    expect(parsePickupInput(' 123 456 ')).toEqual({ code: '123456', number: null });
    expect(parsePickupInput('123-456')).toEqual({ code: '123456', number: null });
  });

  it('reads the code and the order number from the QR payload', () => {
    expect(parsePickupInput(pickupQrPayload('NP-7K3F9Q', '042017'))).toEqual({ code: '042017', number: 'NP-7K3F9Q' });
    expect(parsePickupInput('NEARPRINT:PICKUP:np-7k3f9q:042017\n')).toEqual({ code: '042017', number: 'NP-7K3F9Q' });
  });

  it('leaves a malformed payload to the digit check (it is not 6 digits)', () => {
    expect(parsePickupInput('nearprint:pickup:NP-1:12').code).not.toHaveLength(6);
  });
});

describe('pickupCodeFor', () => {
  it('is six digits, stable per order, and checked exactly', () => {
    const code = pickupCodeFor('0b9d6c34-2f4e-4c4a-9d7e-1b2c3d4e5f60', SECRET);
    expect(code).toMatch(/^\d{6}$/);
    expect(pickupCodeFor('0b9d6c34-2f4e-4c4a-9d7e-1b2c3d4e5f60', SECRET)).toBe(code);
    expect(isPickupCodeCorrect('0b9d6c34-2f4e-4c4a-9d7e-1b2c3d4e5f60', ` ${code} `, SECRET)).toBe(true);
    expect(isPickupCodeCorrect('0b9d6c34-2f4e-4c4a-9d7e-1b2c3d4e5f60', `${code}0`, SECRET)).toBe(false);
  });
});
