import { describe, expect, it } from 'vitest';
import { attachmentFileName } from './download-export.ts';

describe('attachmentFileName', () => {
  it('takes the name the server gave the download', () => {
    expect(attachmentFileName('attachment; filename="tool-library-v3.zip"', 'app-v3.zip')).toBe(
      'tool-library-v3.zip',
    );
  });
  it('falls back when there is none or it is not a plain name', () => {
    expect(attachmentFileName(null, 'app-v3.zip')).toBe('app-v3.zip');
    expect(attachmentFileName('attachment', 'app-v3.zip')).toBe('app-v3.zip');
    expect(attachmentFileName('attachment; filename="../../etc/x y.zip"', 'app-v3.zip')).toBe('app-v3.zip');
  });
});
