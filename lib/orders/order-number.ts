import { randomInt } from 'node:crypto';

/** Letters and digits people cannot confuse when reading aloud (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short order number for the counter, e.g. NP-7K3F9Q (31^6 ≈ 887 million values). */
export function newOrderNumber(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `NP-${code}`;
}
