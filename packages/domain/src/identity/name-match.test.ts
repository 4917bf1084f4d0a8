import { describe, expect, it } from 'vitest';
import { matchTypedName, normalizeName } from './name-match.ts';

const roster = 'Әлібекова Аружан Қайратқызы';

describe('matching a typed full name against the roster', () => {
  it.each([
    ['the exact name', roster],
    ['other letter case', 'әлібекова аружан ҚАЙРАТҚЫЗЫ'],
    ['extra and doubled spaces', '  Әлібекова   Аружан Қайратқызы '],
    ['Latin a, o, p, e, y look-alikes', 'Әлібековa Aружaн Қaйрaтқызы'],
  ])('accepts %s', (_, typed) => {
    expect(matchTypedName(typed, roster)).toEqual({ ok: true });
  });

  it('accepts a Latin i for the Kazakh і and a Latin h for һ', () => {
    expect(matchTypedName('Үсенова Iңкәр hадиқызы', 'Үсенова Іңкәр Һадиқызы').ok).toBe(true);
    expect(matchTypedName('НҰРЛАНОВ', 'HҰPЛAHOB').ok).toBe(true);
  });

  it('accepts ё for е and a typographic apostrophe', () => {
    expect(matchTypedName('Королёва Д’Арк', "Королева Д'Арк").ok).toBe(true);
  });

  it('refuses a different letter and says where the difference starts', () => {
    expect(matchTypedName('Алібекова Аружан Қайратқызы', roster)).toEqual({
      ok: false,
      reason: 'name-mismatch',
      firstDifferenceAt: 0,
    });
    expect(matchTypedName('Әлібекова Аружан', roster)).toMatchObject({
      ok: false,
      firstDifferenceAt: 16,
    });
  });

  it('does not confuse Kazakh letters with their Russian neighbours (Қ/К, Ұ/У, Ө/О)', () => {
    expect(matchTypedName('Кайратов', 'Қайратов').ok).toBe(false);
    expect(matchTypedName('Улан', 'Ұлан').ok).toBe(false);
    expect(matchTypedName('Омир', 'Өмір').ok).toBe(false);
  });

  it('normalizes to one skeleton whichever alphabet the look-alikes come from', () => {
    expect(normalizeName('MAXAT')).toBe(normalizeName('МАХАТ'));
  });
});
