// Pure checks the student's screens make before sending anything: the typed name against the
// roster (explained where it stops matching) and a chosen file against the exam's limits.
import { DEFAULT_ATTACHMENT_TYPES, matchTypedName, sessionFileRules } from '@emtihan/domain';
import { attachmentTypeAllowed, type AttachmentType, type ExamSettings } from '@emtihan/protocol';

export interface NameProblem {
  /** The typed name up to the first difference (what matches). */
  matchedPart: string;
  /** 1-based position of the first character that differs. */
  at: number;
}

/** Where the typed name stops matching the roster, to explain a mismatch in words. */
export function nameProblem(typed: string, rosterName: string): NameProblem | null {
  const r = matchTypedName(typed, rosterName);
  if (r.ok) return null;
  const compact = [...typed.trim().replace(/\s+/g, ' ')];
  return {
    matchedPart: compact.slice(0, r.firstDifferenceAt).join(''),
    at: r.firstDifferenceAt + 1,
  };
}

/** `exam-type`: a type the domain accepts but this exam does not (`settings.attachmentTypes`). */
export type AttachmentProblem = 'type' | 'exam-type' | 'size' | 'count' | 'empty';

/** Why a chosen file cannot be attached, or null when it can. */
export function attachmentProblem(
  file: { name: string; type: string; size: number },
  settings: ExamSettings['attachments'],
  attached: number,
  types: readonly AttachmentType[] = [],
): AttachmentProblem | null {
  if (attached >= settings.maxFiles) return 'count';
  if (types.length > 0 && !attachmentTypeAllowed(types, file.name, file.type)) return 'exam-type';
  if (!(DEFAULT_ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > Math.min(settings.maxBytes, sessionFileRules.attachment.maxBytes)) return 'size';
  return null;
}
