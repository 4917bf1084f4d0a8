import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8Encode } from './sha256.hash.ts';

// Expected digests: FIPS 180-4 / NIST examples, and digests computed by an independent
// implementation (node:crypto) for the UTF-8 and block-boundary cases.
const vectors: [name: string, input: string, digest: string][] = [
  ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'the 448-bit NIST message',
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'the 896-bit NIST message',
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['Cyrillic text', 'Емтихан', '08c5466c840bca4aba23a8f7291611cd055b41183b2665c8901966ad91a92a0c'],
  [
    'Kazakh letters and an emoji (a surrogate pair)',
    'құлаққап 😀',
    '5385b4c8fe90bee5db7cce131d713145085890a8981e135684fa24b24840d104',
  ],
  [
    '55 bytes (padding fits one block)',
    'a'.repeat(55),
    '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318',
  ],
  [
    '56 bytes (padding needs a second block)',
    'a'.repeat(56),
    'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a',
  ],
  ['63 bytes', 'a'.repeat(63), '7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34'],
  [
    '64 bytes (exactly one block)',
    'a'.repeat(64),
    'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb',
  ],
  [
    '119 bytes',
    'a'.repeat(119),
    '31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb',
  ],
];

describe('sha256Hex', () => {
  it.each(vectors)('hashes %s to the standard digest', (_name, input, digest) => {
    expect(sha256Hex(input)).toBe(digest);
  });

  it('hashes one million "a" to the NIST long-message digest', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('hashes bytes and their string alike', () => {
    expect(sha256Hex(Uint8Array.from([0x61, 0x62, 0x63]))).toBe(sha256Hex('abc'));
  });
});

describe('utf8Encode', () => {
  it.each([
    ['ASCII', 'A', [0x41]],
    ['two-byte Cyrillic', 'ж', [0xd0, 0xb6]],
    ['two-byte Kazakh letter', 'қ', [0xd2, 0x9b]],
    ['three-byte euro sign', '€', [0xe2, 0x82, 0xac]],
    ['four-byte emoji from a surrogate pair', '😀', [0xf0, 0x9f, 0x98, 0x80]],
    ['a lone surrogate as U+FFFD, like TextEncoder', 'x\ud800y', [0x78, 0xef, 0xbf, 0xbd, 0x79]],
  ])('encodes %s', (_name, text, bytes) => {
    expect(Array.from(utf8Encode(text))).toEqual(bytes);
  });
});
