import ipp from 'ipp';
import { describe, expect, it, vi } from 'vitest';
import { sanitizeIppResponse } from '@/lib/ipp/sanitize-ipp-response';

/** Builds raw IPP bytes: [groupTag, [[valueTag, name, value], ...]] with Buffer or string values. */
function message(groups: [number, [number, string, Buffer | string][]][]): Buffer {
  const parts: Buffer[] = [Buffer.from([2, 0, 0, 0, 0, 0, 0, 1])];
  for (const [groupTag, attributes] of groups) {
    parts.push(Buffer.from([groupTag]));
    for (const [tag, name, value] of attributes) {
      const bytes = typeof value === 'string' ? Buffer.from(value) : value;
      const header = Buffer.alloc(3);
      header.writeUInt8(tag, 0);
      header.writeUInt16BE(name.length, 1);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(bytes.length);
      parts.push(header, Buffer.from(name), length, bytes);
    }
  }
  parts.push(Buffer.from([3]));
  return Buffer.concat(parts);
}

const int = (n: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(n);
  return buffer;
};
const EMPTY = Buffer.alloc(0);

function parseQuietly(buffer: Buffer) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const parsed = ipp.parse(sanitizeIppResponse(buffer)) as Record<string, Record<string, unknown>>;
  expect(log).not.toHaveBeenCalled();
  log.mockRestore();
  return parsed;
}

describe('sanitizeIppResponse', () => {
  it('drops out-of-band values, keeping the other values of the attribute', () => {
    const parsed = parseQuietly(
      message([
        [
          0x04,
          [
            [0x13, 'printer-geo-location', EMPTY],
            [0x44, 'media-ready', 'iso_a4_210x297mm'],
            [0x12, '', EMPTY],
            [0x44, '', 'iso_a3_297x420mm'],
          ],
        ],
      ]),
    );
    expect(parsed['printer-attributes-tag']).toEqual({ 'media-ready': ['iso_a4_210x297mm', 'iso_a3_297x420mm'] });
  });

  it('keeps the first occurrence of a repeated attribute, unless it had only out-of-band values', () => {
    const parsed = parseQuietly(
      message([
        [
          0x04,
          [
            [0x49, 'document-format-supported', 'application/pdf'],
            [0x49, 'document-format-supported', 'image/urf'],
            [0x12, 'printer-geo-location', EMPTY],
            [0x45, 'printer-geo-location', 'geo:1,2'],
          ],
        ],
      ]),
    );
    expect(parsed['printer-attributes-tag']).toEqual({
      'document-format-supported': 'application/pdf',
      'printer-geo-location': 'geo:1,2',
    });
  });

  it('cleans collection members, removing a member whose only value was out-of-band', () => {
    const parsed = parseQuietly(
      message([
        [
          0x04,
          [
            [0x34, 'media-col-ready', EMPTY],
            [0x4a, '', 'media-size-name'],
            [0x44, '', 'iso_a4_210x297mm'],
            [0x4a, '', 'media-source'],
            [0x13, '', EMPTY],
            [0x4a, '', 'media-size'],
            [0x34, '', EMPTY],
            [0x4a, '', 'x-dimension'],
            [0x21, '', int(21000)],
            [0x37, '', EMPTY],
            [0x37, '', EMPTY],
          ],
        ],
      ]),
    );
    expect(parsed['printer-attributes-tag']).toEqual({
      'media-col-ready': { 'media-size-name': 'iso_a4_210x297mm', 'media-size': { 'x-dimension': 21000 } },
    });
  });

  it('keeps several job groups (Get-Jobs) and drops unassigned group tags', () => {
    const parsed = parseQuietly(
      message([
        [0x01, [[0x47, 'attributes-charset', 'utf-8']]],
        [0x02, [[0x21, 'job-id', int(1)]]],
        [0x02, [[0x21, 'job-id', int(2)]]],
        [0x0c, [[0x21, 'mystery', int(3)]]],
      ]),
    );
    expect(parsed['job-attributes-tag']).toEqual([{ 'job-id': 1 }, { 'job-id': 2 }]);
    expect(Object.keys(parsed)).not.toContain('undefined');
  });

  it('rejects truncated and malformed messages', () => {
    const valid = message([[0x04, [[0x44, 'media-ready', 'iso_a4_210x297mm']]]]);
    expect(() => sanitizeIppResponse(valid.subarray(0, valid.length - 5))).toThrow(/truncated/);
    expect(() => sanitizeIppResponse(Buffer.from([2, 0, 0, 0, 0, 0, 0, 1]))).toThrow();
    expect(() => sanitizeIppResponse(message([[0x04, [[0x44, '', 'x']]]]))).toThrow(/without a name/);
    expect(() => sanitizeIppResponse(message([[0x04, [[0x37, 'end', EMPTY]]]]))).toThrow(/out of place/);
  });
});
