import { describe, expect, it } from 'vitest';
import { convertOfficeToPdf, findOfficeCommand } from './convert-office-to-pdf';
import { makeDocx } from '@/lib/documents/fixtures/make-fixtures';

/**
 * The real conversions (page counts, damaged files, time limit, profiles, no network) run
 * against LibreOffice itself in workers/loops/office-documents.int.test.ts.
 */
describe('convertOfficeToPdf', () => {
  it('refuses with office_unsupported when LibreOffice is not installed', async () => {
    expect(await findOfficeCommand('/nonexistent')).toBeNull();
    await expect(convertOfficeToPdf(makeDocx(), 'docx', { searchPath: '/nonexistent' })).rejects.toMatchObject({
      code: 'office_unsupported',
      message: expect.stringContaining("can't be converted for printing right now"),
    });
  });
});
