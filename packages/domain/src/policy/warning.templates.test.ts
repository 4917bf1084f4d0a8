import { describe, expect, it } from 'vitest';
import { flagCategories, seedFlagCategories } from '../signals/flag.types.ts';
import { warningTemplateKey, warningTemplates } from './warning.templates.ts';

describe('warning templates', () => {
  it.each(flagCategories.map((c) => [c]))(
    'has kk, ru and en text for %s under its key',
    (category) => {
      const template = warningTemplates[category];
      expect(template.key).toBe(`warning.${category}`);
      expect(warningTemplateKey(category)).toBe(template.key);
      for (const text of [template.kk, template.ru, template.en])
        expect(text.trim().length).toBeGreaterThan(10);
      expect(new Set([template.kk, template.ru, template.en]).size).toBe(3);
    },
  );

  it('writes Kazakh with Kazakh letters and Russian in Cyrillic', () => {
    const kazakhOnly = /[әғқңөұүһі]/i;
    const kazakh = Object.values(warningTemplates).filter((t) => kazakhOnly.test(t.kk)).length;
    expect(kazakh).toBeGreaterThanOrEqual(flagCategories.length - 3);
    for (const t of Object.values(warningTemplates)) {
      expect(t.ru).toMatch(/[а-яё]/i);
      expect(t.ru).not.toMatch(kazakhOnly);
    }
  });

  it('keeps the words of the university’s own rules for the seed categories', () => {
    expect(seedFlagCategories.every((c) => c in warningTemplates)).toBe(true);
    expect(warningTemplates.headphones.kk).toContain('құлаққап');
    expect(warningTemplates.left_without_warning.kk).toContain('ескертусіз');
    expect(warningTemplates.not_entire_screen.en).toContain('Share entire screen');
  });
});
