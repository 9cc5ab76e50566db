import { describe, expect, it } from 'vitest';
import { acceptedUploadTypes } from './accepted-upload-types';

describe('acceptedUploadTypes', () => {
  it('offers no Office type where LibreOffice does not run', () => {
    const { accept, description } = acceptedUploadTypes(false);
    expect(accept.split(',')).toEqual(['.pdf', '.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.txt', 'application/pdf', 'image/jpeg', 'image/png', 'text/plain']);
    expect(description).not.toMatch(/Word|Excel|PowerPoint|OpenDocument/);
  });

  it('adds Word, Excel, PowerPoint and OpenDocument where it does', () => {
    const { accept, description } = acceptedUploadTypes(true);
    for (const extension of ['.docx', '.xlsx', '.pptx', '.odt', '.ods', '.odp']) expect(accept.split(',')).toContain(extension);
    expect(accept).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(description).toMatch(/Word, Excel, PowerPoint, OpenDocument/);
  });
});
