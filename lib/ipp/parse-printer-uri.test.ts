import { describe, expect, it } from 'vitest';
import { IppError } from '@/lib/ipp/ipp-error';
import { parsePrinterUri } from '@/lib/ipp/parse-printer-uri';

describe('parsePrinterUri', () => {
  it('fills in port 631 and the IPP Everywhere path for a bare host', () => {
    expect(parsePrinterUri('ipp://192.168.1.20')).toEqual({
      uri: 'ipp://192.168.1.20/ipp/print',
      scheme: 'ipp',
      host: '192.168.1.20',
      port: 631,
      path: '/ipp/print',
      address: '192.168.1.20:631',
      key: '192.168.1.20:631/ipp/print',
    });
    expect(parsePrinterUri('ipp://printer.local/').path).toBe('/ipp/print');
  });

  it('gives every spelling of one printer the same key', () => {
    const spellings = ['ipp://Printer.Example.com/ipp/print', 'IPPS://printer.example.com:631/ipp/print/', 'ipp://printer.example.com.//ipp//print', 'ipp://printer.example.com:631'];
    expect(new Set(spellings.map((uri) => parsePrinterUri(uri).key))).toEqual(new Set(['printer.example.com:631/ipp/print']));
    expect(parsePrinterUri('ipp://[FE80::1]:8631/ipp/print').key).toBe('[fe80::1]:8631/ipp/print');
    expect(parsePrinterUri('ipp://printer.example.com:8631/ipp/print').key).not.toBe(parsePrinterUri('ipp://printer.example.com/ipp/print').key);
    expect(parsePrinterUri('ipp://printer.example.com/printers/a').key).not.toBe(parsePrinterUri('ipp://printer.example.com/printers/b').key);
  });

  it('keeps an explicit port and path, lower-cases scheme and host', () => {
    expect(parsePrinterUri('  IPPS://Office-Printer.Local:8631/printers/front?x=1 ')).toMatchObject({
      uri: 'ipps://office-printer.local:8631/printers/front?x=1',
      scheme: 'ipps',
      host: 'office-printer.local',
      port: 8631,
      path: '/printers/front?x=1',
    });
  });

  it('handles IPv6 literals', () => {
    expect(parsePrinterUri('ipp://[fe80::1]:631/ipp/print')).toMatchObject({
      host: 'fe80::1',
      uri: 'ipp://[fe80::1]/ipp/print',
      address: '[fe80::1]:631',
    });
  });

  it.each([
    ['', /Enter the printer address/],
    ['foo', /is not a printer address/],
    ['192.168.1.20', /is not a printer address|start with ipp/],
    ['http://192.168.1.20:631/ipp/print', /not http:\/\/\. Try ipp:\/\/192\.168\.1\.20:631\/ipp\/print/],
    ['https://printer.local/', /Try ipps:\/\/printer\.local\/ipp\/print/],
    ['socket://192.168.1.20:9100', /start with ipp:\/\/ or ipps:\/\//],
    ['ipp://', /no host name/],
    ['ipp:///ipp/print', /no host name/],
    ['ipp://admin:secret@192.168.1.20/ipp/print', /user name and password/],
    ['ipp://host/ipp/print#frag', /"#"/],
    ['ipp://host:99999/', /is not a printer address/],
    ['ipp://host:0/', /between 1 and 65535/],
  ])('rejects %j', (input, message) => {
    let error: unknown;
    try {
      parsePrinterUri(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IppError);
    expect((error as IppError).code).toBe('invalid_uri');
    expect((error as IppError).message).toMatch(message);
  });
});
