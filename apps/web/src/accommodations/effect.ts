// An accommodation's effect in a few words: "×1.5, +10 min, breaks 15 min, no face checks".
import type { TFunction } from 'i18next';
import type { AccommodationEffect } from '@emtihan/protocol';
import type { Language } from '../i18n/languages';
import { formatFactor } from '../ui/work-time';
import { effectParts, type EffectPart } from './accommodation.model';

function partText(t: TFunction, language: Language, part: EffectPart): string {
  switch (part.kind) {
    case 'factor':
      return t('accommodations.effect.factor', { factor: formatFactor(part.factor, language) });
    case 'extra':
      return t('accommodations.effect.extra', { minutes: part.minutes });
    case 'breaks':
      return t('accommodations.effect.breaks', { minutes: part.minutes });
    case 'skip':
      return t(`accommodations.effect.skip.${part.check}`);
  }
}

/** The effect's parts joined, or "changes nothing" when it has none. */
export function describeEffect(
  t: TFunction,
  language: Language,
  effect: AccommodationEffect,
): string {
  const parts = effectParts(effect).map((p) => partText(t, language, p));
  return parts.length > 0 ? parts.join(', ') : t('accommodations.effect.none');
}
