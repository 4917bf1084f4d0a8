import { describe, expect, it } from 'vitest';
import { detectionConfig } from './config.ts';
import type { DescribedFace } from './identity.ts';
import { compareIdentity, faceVerdict } from './identity.ts';

const face = (width: number, embedding: number[]): DescribedFace => ({
  box: [0, 0, width, width],
  embedding,
});
/** Cosine-like similarity of the toy embeddings: equal vectors 1, orthogonal 0. */
const similarity = (a: readonly number[], b: readonly number[]) =>
  a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe('the check-in photo against the ID photo', () => {
  it('names the verdict with the configured bars, nothing said in between', () => {
    const { match, mismatch } = detectionConfig.faceMatch;
    expect(faceVerdict(match)).toBe('match');
    expect(faceVerdict(mismatch)).toBe('undecided');
    expect(faceVerdict(mismatch - 0.01)).toBe('mismatch');
  });

  it('compares the smaller face of an ID photo showing two (the card, not its holder)', () => {
    const student = [1, 0];
    const result = compareIdentity(
      [face(300, student), face(130, [0, 1])],
      [face(260, student)],
      similarity,
    );
    expect(result).toEqual({
      computed: true,
      similarity: 0,
      verdict: 'mismatch',
      idFaceWidth: 130,
      photoFaceWidth: 260,
      notes: ['several-faces-on-id'],
    });
  });

  it('warns when the face on the card is small, and refuses a reference that is', () => {
    const small = compareIdentity([face(90, [1, 0])], [face(260, [1, 0])], similarity);
    expect(small).toMatchObject({ computed: true, verdict: 'match', notes: ['id-face-small'] });
    expect(compareIdentity([face(200, [1, 0])], [face(150, [1, 0])], similarity)).toEqual({
      computed: false,
      reason: 'face-photo-small',
    });
    expect(compareIdentity([face(200, [])], [face(250, [1, 0])], similarity)).toEqual({
      computed: false,
      reason: 'no-face-on-id',
    });
  });
});
