// The seed's rules (mission: "Instructions for the oral exam", points 4 and 5) as a checklist
// with their texts in the three languages, and the text students and proctors read.
import type { AllowedRule, ForbiddenRule, RuleSet } from './authoring.schema.ts';
import { ALLOWED_RULES, FORBIDDEN_RULES } from './authoring.schema.ts';
import type { Language } from './common.schema.ts';
import type { Translated } from './exam.schema.ts';

export const RULE_TEXTS: Record<AllowedRule | ForbiddenRule, Translated> = {
  handouts: {
    kk: 'курстың үлестірме материалдарын пайдалану',
    ru: 'пользоваться раздаточными материалами курса',
    en: 'using the course handouts',
  },
  'report-failure': {
    kk: 'техникалық ақаулар туралы (электр жарығы сөніп қалды, интернет үзілді) оқытушыға хабарлау',
    ru: 'сообщать преподавателю о технических сбоях (отключилось электричество, пропал интернет)',
    en: 'telling the teacher about a technical failure (the power went out, the internet was lost)',
  },
  'other-tabs': {
    kk: 'браузер беттерінің арасында ауысу',
    ru: 'переходить между вкладками браузера',
    en: 'switching between browser tabs',
  },
  headphones: { kk: 'құлаққаппен отыру', ru: 'сидеть в наушниках', en: 'sitting in headphones' },
  'third-persons': {
    kk: 'үшінші тұлғалардың кеңесі',
    ru: 'пользоваться советами третьих лиц',
    en: 'advice from third persons',
  },
  'cheat-sheets': { kk: 'шпаргалка', ru: 'пользоваться шпаргалками', en: 'cheat sheets' },
  'phone-calls': {
    kk: 'телефонмен сөйлесу',
    ru: 'разговаривать по телефону',
    en: 'phone calls',
  },
  leaving: {
    kk: 'ескертусіз кетіп қалу',
    ru: 'уходить без предупреждения',
    en: 'leaving without warning',
  },
};

const HEADINGS = {
  allowed: { kk: 'Рұқсат етіледі', ru: 'Разрешено', en: 'Allowed' },
  forbidden: { kk: 'Тыйым салынады', ru: 'Запрещено', en: 'Forbidden' },
} as const;

/** The seed's consequence of a violation, the default free text after the checklist. */
export const DEFAULT_RULES_EXTRA: Translated = {
  kk: 'Әрбір бұзушылық үшін емтихан алушы ескерту жазады. Бірнеше өрескел бұзушылық болса немесе ескертулерге жауап бермесеңіз, проктор емтиханды мерзімінен бұрын тоқтатуы немесе күшін жоюы мүмкін.',
  ru: 'За каждое нарушение экзаменатор выносит предупреждение. При нескольких грубых нарушениях или если вы не реагируете на предупреждения, проктор может досрочно остановить экзамен или аннулировать его.',
  en: 'For any violation the examiner writes you a warning. After several gross violations, or if you do not respond to warnings, the proctor may stop the exam early or annul it.',
};

/** Every rule of the seed ticked, with its consequence: a new exam's rules. */
export const DEFAULT_RULE_SET: RuleSet = {
  allowed: [...ALLOWED_RULES],
  forbidden: [...FORBIDDEN_RULES],
  extra: { ...DEFAULT_RULES_EXTRA },
};

function composeIn(set: RuleSet, lang: Language): string {
  const lines: string[] = [];
  // Catalogue order, whatever order the ticks came in.
  const allowed = ALLOWED_RULES.filter((r) => set.allowed.includes(r));
  const forbidden = FORBIDDEN_RULES.filter((r) => set.forbidden.includes(r));
  if (allowed.length) {
    lines.push(`${HEADINGS.allowed[lang]}: ${allowed.map((r) => RULE_TEXTS[r][lang]).join('; ')}.`);
  }
  if (forbidden.length) {
    lines.push(
      `${HEADINGS.forbidden[lang]}: ${forbidden.map((r) => RULE_TEXTS[r][lang]).join(', ')}.`,
    );
  }
  const extra = set.extra[lang].trim();
  if (extra) lines.push(extra);
  return lines.join('\n');
}

/** The rules as students and proctors read them, in each language. */
export function composeRules(set: RuleSet): Translated {
  return { kk: composeIn(set, 'kk'), ru: composeIn(set, 'ru'), en: composeIn(set, 'en') };
}
