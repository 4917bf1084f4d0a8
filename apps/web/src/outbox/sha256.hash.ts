import { sha256Hex } from '@emtihan/domain';

/**
 * Lower-case hex SHA-256 of a text as UTF-8, the way the server checks a saved answer.
 * WebCrypto where the page is a secure context; the domain's pure implementation elsewhere
 * (a plain-http test install), so saving never depends on where the page is served from.
 */
export async function sha256OfText(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256Hex(text);
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256OfBlob(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256Hex(bytes);
  const digest = await subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
