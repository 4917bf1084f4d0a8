// Small real pictures for tests that hand in photos (the server decodes them, ADR 0019): each
// seed gives a different one, so two photos have different hashes.
import sharp from 'sharp';

export async function tinyPicture(
  seed: number,
  format: 'jpeg' | 'png' | 'webp' = 'jpeg',
): Promise<Uint8Array<ArrayBuffer>> {
  const background = { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 53) % 256 };
  const image = sharp({ create: { width: 16, height: 16, channels: 3, background } });
  return new Uint8Array(await image[format]().toBuffer());
}
