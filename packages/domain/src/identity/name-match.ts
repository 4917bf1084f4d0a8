/**
 * The seed's step 3: "enter your full name exactly as on your ID card". A typed name matches
 * the roster when they are the same after forgiving what a person cannot see: letter case,
 * extra spaces, Latin letters that look like Cyrillic ones (a/а, i/і, h/һ, …), ё/е, and the
 * different apostrophes and hyphens. Anything else is a mismatch, explained by where it starts.
 */

// Latin → Cyrillic look-alikes, after lower-casing. Kazakh і and һ look exactly like i and h.
const LOOKALIKES: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'һ',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

/** Uppercase Latin look-alikes whose lowercase differs from the Cyrillic lowercase (B/в, H/н, M/м, T/т). */
const UPPER_LOOKALIKES: Record<string, string> = { B: 'в', H: 'н', M: 'м', T: 'т', K: 'к' };

/** The comparable skeleton of a name. */
export function normalizeName(name: string): string {
  const chars = [...name.normalize('NFC').trim()];
  return chars
    .map((ch) => UPPER_LOOKALIKES[ch] ?? ch.toLowerCase())
    .map((ch) => LOOKALIKES[ch] ?? ch)
    .join('')
    .replace(/ё/g, 'е')
    .replace(/[’ʼ`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ');
}

export type NameMatch =
  | { ok: true }
  | {
      ok: false;
      reason: 'name-mismatch';
      /** Index (in characters of the normalized typed name) of the first difference. */
      firstDifferenceAt: number;
    };

export function matchTypedName(typed: string, roster: string): NameMatch {
  const a = normalizeName(typed);
  const b = normalizeName(roster);
  if (a === b) return { ok: true };
  const ca = [...a];
  const cb = [...b];
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  return { ok: false, reason: 'name-mismatch', firstDifferenceAt: i };
}
