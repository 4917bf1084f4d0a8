import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@emtihan/protocol';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `a.b.c` → value; a non-string leaf is reported as a problem. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const locales = { kk: flatten(kk), ru: flatten(ru), en: flatten(en) };

// The web's own sources, read as text (Vite's glob import, so no Node APIs are needed).
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.ts', '!../**/*.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Attributes whose string value a person reads or hears. */
const TEXT_ATTRIBUTES = new Set([
  'label',
  'placeholder',
  'title',
  'description',
  'aria-label',
  'alt',
  'nothingFoundMessage',
]);

/** Keys written literally as t('a.b') or t("a.b"), the only form the scan can check. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const call = /\bt\(\s*(['"])([A-Za-z0-9_.-]+)\1/g;
  for (const [file, text] of Object.entries(sources)) {
    for (const match of text.matchAll(call)) keys.set(match[2] as string, file);
  }
  return keys;
}

describe('translations', () => {
  it.each(['kk', 'ru'] as const)('%s has exactly the keys of en', (language) => {
    const missing = [...locales.en.keys()].filter((k) => !locales[language].has(k));
    const extra = [...locales[language].keys()].filter((k) => !locales.en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(['kk', 'ru', 'en'] as const)('%s has no empty or non-text value', (language) => {
    const empty = [...locales[language]].filter(
      ([, value]) => typeof value !== 'string' || value.trim() === '',
    );
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it.each(['kk', 'ru', 'en'] as const)(
    '%s uses the same {{placeholders}} as en in every message',
    (language) => {
      const names = (s: unknown) =>
        [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
      const differing = [...locales.en].filter(
        ([key, value]) =>
          JSON.stringify(names(value)) !== JSON.stringify(names(locales[language].get(key))),
      );
      expect(differing.map(([key]) => key)).toEqual([]);
    },
  );

  it('the Kazakh text is written with Kazakh letters', () => {
    const text = [...locales.kk.values()].join(' ');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) expect(text).toContain(letter);
  });

  it('every error code of the protocol, and "network", has a message', () => {
    const missing = [...ERROR_CODES, 'network'].filter((code) => !locales.en.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it('finds the sources it scans', () => {
    expect(Object.keys(sources).some((f) => f.endsWith('login.page.tsx'))).toBe(true);
    expect(usedKeys().size).toBeGreaterThan(50);
  });

  it('every key used in the source exists in en', () => {
    const missing = [...usedKeys()]
      .filter(([key]) => !locales.en.has(key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('components show no literal words: visible text and labels come from t()', () => {
    const offenders: string[] = [];
    const hasWord = (s: string) => /\p{L}{2,}/u.test(s);
    for (const [file, text] of Object.entries(sources)) {
      if (!file.endsWith('.tsx')) continue;
      const source = ts.createSourceFile(
        file,
        text,
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && hasWord(node.text))
          offenders.push(`${file}: ${node.text.trim()}`);
        if (
          ts.isJsxAttribute(node) &&
          TEXT_ATTRIBUTES.has(node.name.getText(source)) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          hasWord(node.initializer.text)
        ) {
          offenders.push(`${file}: ${node.getText(source)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
