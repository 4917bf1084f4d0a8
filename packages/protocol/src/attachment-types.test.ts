import { describe, expect, it } from 'vitest';
import { attachmentAccept, attachmentTypeAllowed, attachmentTypeOf } from './attachment-types.ts';

describe('the attachment types an exam allows', () => {
  it.each([
    ['essay.PDF', 'pdf'],
    ['photo.jpeg', 'jpg'],
    ['archive.tar.zip', 'zip'],
    ['notes', null],
    ['tool.exe', null],
    ['.pdf/evil', null],
  ])('%s is of type %s', (name, type) => {
    expect(attachmentTypeOf(name)).toBe(type);
  });

  it.each([
    [[], 'tool.exe', 'application/x-msdownload', true],
    [['pdf'], 'essay.pdf', 'application/pdf', true],
    [['pdf'], 'essay.pdf', 'Application/PDF', true],
    [['pdf'], 'notes.txt', 'text/plain', false],
    [['pdf'], 'notes.pdf', 'text/plain', false],
    [['pdf'], 'essay', 'application/pdf', false],
    [['pdf', 'jpg'], 'scan.JPEG', 'image/jpeg', true],
  ] as const)('allowed %j: %s (%s) → %s', (allowed, name, contentType, ok) => {
    expect(attachmentTypeAllowed(allowed, name, contentType)).toBe(ok);
  });

  it('tells the file picker the extensions and content types, or nothing for every type', () => {
    expect(attachmentAccept([])).toBe(null);
    expect(attachmentAccept(['pdf', 'jpg'])).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
  });
});
