import ipp from 'ipp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { decodeIppResponse, encodeIppRequest } from '@/lib/ipp/ipp-codec';

function consoleSpies() {
  return [vi.spyOn(console, 'log'), vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'info')].map((spy) => spy.mockImplementation(() => undefined));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('decodeIppResponse on real ippeveprinter answers', () => {
  it('shows why sanitising is needed: the bare package logs about the out-of-band geo-location', () => {
    const [log] = consoleSpies();
    ipp.parse(loadFixture('mono-raster').raw);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('The spec is not clear on how to handle tag 18'));
  });

  it.each(['color-duplex-pdf', 'mono-raster'] as const)('decodes %s silently, to the recorded attributes', (name) => {
    const spies = consoleSpies();
    const fixture = loadFixture(name);
    const response = decodeIppResponse(fixture.raw);
    expect(response.status).toBe('successful-ok');
    expect(response.statusCode).toBe(0);
    expect(JSON.parse(JSON.stringify(response.printerAttributes))).toEqual(fixture.printerAttributes);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('keeps the first of the duplicated attributes, like libcups and ippeveprinter itself', () => {
    const colour = decodeIppResponse(loadFixture('color-duplex-pdf').raw).printerAttributes;
    const mono = decodeIppResponse(loadFixture('mono-raster').raw).printerAttributes;
    expect(colour['document-format-supported']).toEqual(['application/pdf', 'image/pwg-raster', 'image/jpeg', 'application/octet-stream']);
    expect(colour['printer-geo-location']).toBe('geo:48.8566,2.3522');
    expect(mono['document-format-supported']).toEqual(['image/pwg-raster', 'image/jpeg', 'application/octet-stream']);
    expect(mono).not.toHaveProperty('printer-geo-location');
  });

  it('names unregistered status codes by number', () => {
    const raw = Buffer.from(loadFixture('mono-raster').raw);
    raw.writeUInt16BE(0x04ff, 2);
    expect(decodeIppResponse(raw).status).toBe('0x04ff');
  });

  it('throws on bytes that are not IPP', () => {
    expect(() => decodeIppResponse(Buffer.from('<!doctype html><html><body>Router login</body></html>'))).toThrow();
  });
});

describe('encodeIppRequest', () => {
  it('encodes finishings the ipp package does not know (punch-dual-left = 74)', () => {
    const encoded = encodeIppRequest({
      operation: 'Print-Job',
      requestId: 7,
      operationAttributes: {
        'attributes-charset': 'utf-8',
        'attributes-natural-language': 'en',
        'printer-uri': 'ipp://localhost/ipp/print',
        'job-name': 'np_1',
      },
      jobAttributes: {
        finishings: ['staple', 'punch-dual-left'],
        'page-ranges': [
          [1, 3],
          [5, 5],
        ],
      },
    });
    const parsed = ipp.parse(encoded) as Record<string, Record<string, unknown>>;
    expect(parsed['job-attributes-tag']).toEqual({
      finishings: ['staple', 'punch-dual-left'],
      'page-ranges': [
        [1, 3],
        [5, 5],
      ],
    });
    expect(encoded.readUInt32BE(4)).toBe(7);
    const finishingsAt = encoded.indexOf('finishings');
    expect(encoded.readUInt32BE(encoded.indexOf(Buffer.from([0x23, 0x00, 0x00]), finishingsAt) + 5)).toBe(74);
  });

  it('turns the package thrown strings into Errors', () => {
    expect(() => encodeIppRequest({ operation: 'Get-Jobs', requestId: 1, operationAttributes: { 'no-such-attribute': 'x' } })).toThrow(Error);
  });
});
