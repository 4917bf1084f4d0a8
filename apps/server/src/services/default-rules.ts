import type { Translated } from '@emtihan/protocol';

/** A new exam's rules: the university's own instructions (mission/seed), in three languages. */
export const DEFAULT_RULES: Translated = {
  en: [
    'Allowed: the course handouts; telling the teacher about a technical failure (the power went out, the internet was lost).',
    'Forbidden: switching between browser tabs, sitting in headphones, advice from third persons, cheat sheets, phone calls, leaving without warning.',
    'For any violation the examiner writes you a warning. After several gross violations, or if you do not respond to warnings, the proctor may stop the exam early or annul it.',
  ].join('\n'),
  ru: [
    'Разрешено: пользоваться раздаточными материалами курса; сообщать преподавателю о технических сбоях (отключилось электричество, пропал интернет).',
    'Запрещено: переходить между вкладками браузера, сидеть в наушниках, пользоваться советами третьих лиц, шпаргалками, разговаривать по телефону, уходить без предупреждения.',
    'За каждое нарушение экзаменатор выносит предупреждение. При нескольких грубых нарушениях или если вы не реагируете на предупреждения, проктор может досрочно остановить экзамен или аннулировать его.',
  ].join('\n'),
  kk: [
    'Рұқсат етіледі: курстың үлестірме материалдарын пайдалану; техникалық ақаулар туралы (электр жарығы сөніп қалды, интернет үзілді) оқытушыға хабарлау.',
    'Тыйым салынады: браузер беттерінің арасында ауысу, құлаққаппен отыру, үшінші тұлғалардың кеңесі, шпаргалка, телефонмен сөйлесу, ескертусіз кетіп қалу.',
    'Әрбір бұзушылық үшін емтихан алушы ескерту жазады. Бірнеше өрескел бұзушылық болса немесе ескертулерге жауап бермесеңіз, проктор емтиханды мерзімінен бұрын тоқтатуы немесе күшін жоюы мүмкін.',
  ].join('\n'),
};
