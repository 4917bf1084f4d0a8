// What an upload's bytes are, not only what its name and content type say (ADR 0019): photos are
// decoded (sharp, loaded with the first photo) and stored without their metadata; attachments
// are recognised by their first bytes. A refusal is `unsupported-media-type`; nothing is stored.
import type sharp from 'sharp';
import { attachmentTypeOf } from '@emtihan/protocol';
import { ok, refuse, type Refusal, type Result } from './result.ts';

type Sharp = typeof sharp;
let sharpModule: Promise<Sharp> | undefined;
const loadSharp = () => (sharpModule ??= import('sharp').then((m) => m.default as Sharp));

/** The formats sharp names for the image content types an upload may declare. */
const IMAGE_FORMATS: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * A photo as it is kept: the bytes decoded as the declared type (refused when they are not one);
 * when they carry metadata (EXIF with its GPS position, XMP, IPTC, an ICC profile) or bytes
 * after the picture, re-encoded to the same type without them, otherwise kept as they came, so
 * the hash the page computed of what it sent still names the stored file.
 */
export async function cleanPhoto(
  bytes: Uint8Array,
  contentType: string,
): Promise<Result<Uint8Array>> {
  const format = IMAGE_FORMATS[contentType];
  const notImage: Refusal = {
    ...refuse(
      'unsupported-media-type',
      `The file is not a picture of type ${contentType}; take the photo again`,
    ),
    detail: 'not-a-picture',
  };
  if (!format) return notImage;
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== format) return notImage;
    // Decoded in full (shrunk on load, so cheap): a picture cut short is refused too.
    await image.clone().resize(8, 8, { fit: 'fill' }).raw().toBuffer();
    if (!meta.exif && !meta.xmp && !meta.iptc && !meta.icc && !trailing(bytes, format))
      return ok(bytes);
    const out = image.clone().rotate(); // upright by the EXIF orientation it loses
    const clean =
      format === 'jpeg'
        ? out.jpeg({ quality: 92 })
        : format === 'png'
          ? out.png()
          : out.webp({ quality: 92 });
    return ok(new Uint8Array(await clean.toBuffer()));
  } catch {
    return notImage;
  }
}

/** Whether a JPEG has bytes after its end marker (another file glued on). */
function trailing(bytes: Uint8Array, format: string): boolean {
  if (format !== 'jpeg') return false;
  let end = bytes.byteLength;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return !(end >= 2 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9);
}

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** A zip archive (also docx, xlsx, pptx): a local file header or an empty archive's end record. */
const isZip = (b: Uint8Array) =>
  startsWith(b, 0x50, 0x4b, 0x03, 0x04) || startsWith(b, 0x50, 0x4b, 0x05, 0x06);
/** An OLE compound file (old .doc, .xls, .ppt). */
const isOle = (b: Uint8Array) => startsWith(b, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

/** Content checks by attachment type (the extension's, `attachmentTypeOf`). */
const CONTENT: Record<string, (b: Uint8Array) => boolean> = {
  pdf: (b) => ascii(b, 0, '%PDF-'),
  docx: isZip,
  xlsx: isZip,
  pptx: isZip,
  zip: isZip,
  doc: isOle,
  xls: isOle,
  ppt: isOle,
  jpg: (b) => startsWith(b, 0xff, 0xd8, 0xff),
  png: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  webp: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  mp4: (b) => ascii(b, 4, 'ftyp'),
  webm: (b) => startsWith(b, 0x1a, 0x45, 0xdf, 0xa3),
  txt: isText,
};

/** Text: valid UTF-8 (a byte-order mark allowed) with no NUL and no markup a browser would run. */
function isText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, 64 * 1024));
  } catch {
    // A multi-byte character cut at 64 KB is not a reason to refuse.
    if (b.byteLength <= 64 * 1024) return false;
    text = new TextDecoder('utf-8').decode(b.subarray(0, 64 * 1024));
  }
  return !/^\s*<(?:!doctype|html|script|svg|\?xml)/i.test(text.replace(/^\uFEFF/, ''));
}

/** Content types whose bytes are checked, with the attachment type they are. */
const TYPE_OF_CONTENT: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/zip': 'zip',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/**
 * An attachment whose first bytes are those of the type its name and its content type say (an
 * HTML page renamed "answer.pdf" is refused); a name with no known extension is judged by the
 * content type alone.
 */
export function checkAttachmentContent(
  name: string,
  contentType: string,
  bytes: Uint8Array,
): Result<true> {
  const byContent = TYPE_OF_CONTENT[contentType.trim().toLowerCase()];
  const byName = attachmentTypeOf(name) ?? byContent;
  const check = byContent && CONTENT[byContent];
  if (!check || !check(bytes) || (byName !== byContent && !CONTENT[byName!]?.(bytes)))
    return {
      ...refuse(
        'unsupported-media-type',
        `"${name}" is not a ${byName ?? contentType} file by its content; save it again as one`,
      ),
      detail: 'content-not-of-type',
    };
  return ok(true);
}

/**
 * A `Content-Disposition` that downloads the file under its own name: an ASCII fallback for old
 * clients (other characters as "_") and the UTF-8 name in RFC 5987's `filename*`.
 */
export function attachmentDisposition(name: string): string {
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
