// The check-in face photo against the face on the ID document photo: which faces are compared,
// and what the similarity means. A help to the proctor's decision, never a decision: the result
// is a number with its caveats, or "not computed" with the reason.
import { detectionConfig } from './config.ts';
import type { Box } from './frame.ts';

/** A counted face with its faceres embedding. */
export interface DescribedFace {
  box: Box;
  embedding: number[];
}

/** What a similarity says, with the bars of `detectionConfig.faceMatch`. */
export type FaceVerdict = 'match' | 'mismatch' | 'undecided';

export function faceVerdict(similarity: number): FaceVerdict {
  const { match, mismatch } = detectionConfig.faceMatch;
  return similarity >= match ? 'match' : similarity < mismatch ? 'mismatch' : 'undecided';
}

/** Why a computed similarity is less reliable than usual. */
export type IdentityNote = 'id-face-small' | 'several-faces-on-id';

/** Why no similarity was computed. */
export type IdentityGap =
  'no-face-on-id' | 'no-face-on-photo' | 'several-faces-on-photo' | 'face-photo-small';

export type IdentityComparison =
  | {
      computed: true;
      /** 0..1 (human.match.similarity of faceres embeddings). */
      similarity: number;
      verdict: FaceVerdict;
      /** Pixels: the compared face on the ID photo, and on the check-in photo. */
      idFaceWidth: number;
      photoFaceWidth: number;
      notes: IdentityNote[];
    }
  | { computed: false; reason: IdentityGap };

const usable = (f: DescribedFace) => f.embedding.length > 0;

/**
 * Compares the face of the check-in photo (exactly one, wide enough to be a reference) with the
 * face on the ID photo. A student who holds the card up to the camera shows two faces there:
 * the card's portrait is the smaller one, and the one compared (the larger is the student's own,
 * which would always match).
 */
export function compareIdentity(
  idFaces: readonly DescribedFace[],
  photoFaces: readonly DescribedFace[],
  similarity: (a: readonly number[], b: readonly number[]) => number,
): IdentityComparison {
  const { minReferenceFaceWidth, minIdFaceWidth } = detectionConfig.faceMatch;
  const photo = photoFaces.filter(usable);
  if (photo.length === 0) return { computed: false, reason: 'no-face-on-photo' };
  if (photo.length > 1) return { computed: false, reason: 'several-faces-on-photo' };
  const own = photo[0]!;
  if (own.box[2] < minReferenceFaceWidth) return { computed: false, reason: 'face-photo-small' };
  const onId = idFaces.filter(usable).sort((a, b) => a.box[2] - b.box[2]);
  const card = onId[0];
  if (!card) return { computed: false, reason: 'no-face-on-id' };
  const notes: IdentityNote[] = [];
  if (onId.length > 1) notes.push('several-faces-on-id');
  if (card.box[2] < minIdFaceWidth) notes.push('id-face-small');
  const value = Math.round(similarity(card.embedding, own.embedding) * 100) / 100;
  return {
    computed: true,
    similarity: value,
    verdict: faceVerdict(value),
    idFaceWidth: card.box[2],
    photoFaceWidth: own.box[2],
    notes,
  };
}
