// Which attachments an exam accepts (`settings.attachmentTypes`, by extension): the same rule in
// the student's file picker and on the server, so a file the page lets through is not refused
// later and a renamed file gets through neither.
import { ATTACHMENT_TYPE_CONTENT, type AttachmentType } from './exam.schema.ts';

/** The attachment type a file name says (".JPEG" is jpg), or null for none of them. */
export function attachmentTypeOf(name: string): AttachmentType | null {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = extension === 'jpeg' ? 'jpg' : extension;
  return type in ATTACHMENT_TYPE_CONTENT ? (type as AttachmentType) : null;
}

/**
 * Whether a file is of a type the exam allows: its name's extension one of the allowed types and
 * its content type that type's. An empty list allows every type (the file rules still apply).
 */
export function attachmentTypeAllowed(
  allowed: readonly AttachmentType[],
  name: string,
  contentType: string,
): boolean {
  if (allowed.length === 0) return true;
  const type = attachmentTypeOf(name);
  return (
    type !== null &&
    allowed.includes(type) &&
    (ATTACHMENT_TYPE_CONTENT[type] ?? []).includes(contentType.trim().toLowerCase())
  );
}

/** The file input's `accept` for the allowed types (extensions and content types), or null. */
export function attachmentAccept(allowed: readonly AttachmentType[]): string | null {
  if (allowed.length === 0) return null;
  return allowed
    .flatMap((type) => [
      `.${type}`,
      ...(type === 'jpg' ? ['.jpeg'] : []),
      ...ATTACHMENT_TYPE_CONTENT[type]!,
    ])
    .join(',');
}
