// Text of the server-rendered LTI pages (refusals, the new-window hand-off, the return to the
// LMS) in the three languages of the web app; the deep-linking page is the web app's.
import type { Language } from '@emtihan/protocol';

export const LTI_REFUSALS = [
  'unknown-platform',
  'unknown-deployment',
  'bad-request',
  'state-invalid',
  'token-invalid',
  'token-expired',
  'replayed',
  'unknown-exam',
  'not-instructor',
  'no-exams',
  'no-role',
] as const;
export type LtiRefusal = (typeof LTI_REFUSALS)[number];

interface Messages {
  refusedTitle: string;
  refused: Record<LtiRefusal, string>;
  retry: string;
  openTitle: string;
  openText: string;
  openButton: string;
  continueHere: string;
  sending: string;
}

export const LTI_MESSAGES: Record<Language, Messages> = {
  en: {
    refusedTitle: 'The launch from your LMS was refused',
    refused: {
      'unknown-platform':
        'This LMS is not registered with Emtihan. Ask your administrator to register it.',
      'unknown-deployment':
        'This LMS deployment is not registered with Emtihan. Ask your administrator to add it.',
      'bad-request': 'The LMS sent an incomplete launch request.',
      'state-invalid': 'This launch link has already been used or has expired.',
      'token-invalid':
        'The launch could not be verified: it was not signed by your LMS for Emtihan.',
      'token-expired': 'The launch has expired.',
      replayed: 'This launch has already been used.',
      'unknown-exam': 'This activity is not linked to an exam in Emtihan.',
      'not-instructor': 'Only a teacher of the course can choose an exam.',
      'no-exams': 'This course has no exams in Emtihan yet.',
      'no-role': 'Your role in this course does not give access to Emtihan.',
    },
    retry: 'Go back to the course in your LMS and open the activity again.',
    openTitle: 'Open the exam in its own window',
    openText:
      'The exam needs your camera, microphone and entire screen, which are not available inside the LMS page.',
    openButton: 'Open exam in a new window',
    continueHere: 'Continue in this page',
    sending: 'Returning to your LMS…',
  },
  ru: {
    refusedTitle: 'Запуск из вашей СДО отклонён',
    refused: {
      'unknown-platform': 'Эта СДО не зарегистрирована в Emtihan. Обратитесь к администратору.',
      'unknown-deployment':
        'Это развёртывание СДО не зарегистрировано в Emtihan. Обратитесь к администратору.',
      'bad-request': 'СДО прислала неполный запрос на запуск.',
      'state-invalid': 'Эта ссылка запуска уже использована или устарела.',
      'token-invalid': 'Запуск не удалось проверить: он не подписан вашей СДО для Emtihan.',
      'token-expired': 'Срок действия запуска истёк.',
      replayed: 'Этот запуск уже был использован.',
      'unknown-exam': 'Этот элемент курса не связан с экзаменом в Emtihan.',
      'not-instructor': 'Выбрать экзамен может только преподаватель курса.',
      'no-exams': 'В этом курсе пока нет экзаменов в Emtihan.',
      'no-role': 'Ваша роль в этом курсе не даёт доступа к Emtihan.',
    },
    retry: 'Вернитесь в курс в СДО и откройте элемент ещё раз.',
    openTitle: 'Откройте экзамен в отдельном окне',
    openText: 'Экзамену нужны камера, микрофон и весь экран, а внутри страницы СДО они недоступны.',
    openButton: 'Открыть экзамен в новом окне',
    continueHere: 'Продолжить на этой странице',
    sending: 'Возвращаемся в СДО…',
  },
  kk: {
    refusedTitle: 'ОЖЖ-дан іске қосу қабылданбады',
    refused: {
      'unknown-platform': 'Бұл ОЖЖ Emtihan-да тіркелмеген. Әкімшіге хабарласыңыз.',
      'unknown-deployment': 'Бұл ОЖЖ орналастыруы Emtihan-да тіркелмеген. Әкімшіге хабарласыңыз.',
      'bad-request': 'ОЖЖ толық емес іске қосу сұрауын жіберді.',
      'state-invalid': 'Бұл іске қосу сілтемесі қолданылған немесе мерзімі өткен.',
      'token-invalid': 'Іске қосуды тексеру мүмкін болмады: оған ОЖЖ Emtihan үшін қол қоймаған.',
      'token-expired': 'Іске қосудың мерзімі өтті.',
      replayed: 'Бұл іске қосу бұрын қолданылған.',
      'unknown-exam': 'Бұл курс элементі Emtihan-дағы емтиханмен байланыстырылмаған.',
      'not-instructor': 'Емтиханды тек курс оқытушысы таңдай алады.',
      'no-exams': 'Бұл курста Emtihan-да әзірге емтихан жоқ.',
      'no-role': 'Бұл курстағы рөліңіз Emtihan-ға кіруге рұқсат бермейді.',
    },
    retry: 'ОЖЖ-дағы курсқа оралып, элементті қайта ашыңыз.',
    openTitle: 'Емтиханды жеке терезеде ашыңыз',
    openText:
      'Емтиханға камера, микрофон және бүкіл экран керек, ал ОЖЖ бетінің ішінде олар қолжетімсіз.',
    openButton: 'Емтиханды жаңа терезеде ашу',
    continueHere: 'Осы бетте жалғастыру',
    sending: 'ОЖЖ-ға қайтудамыз…',
  },
};

/** The launch's locale (launch_presentation's, else top-level; kk-KZ, ru, en-US, …), else Accept-Language, else Kazakh. */
export function pickLanguage(locale: unknown, acceptLanguage: string | undefined): Language {
  const candidates = [
    ...(typeof locale === 'string' ? [locale] : []),
    ...(acceptLanguage ?? '')
      .split(',')
      .map((p) => p.split(';')[0]!.trim())
      .filter(Boolean),
  ];
  for (const c of candidates) {
    const base = c.toLowerCase().split(/[-_]/)[0];
    if (base === 'kk' || base === 'ru' || base === 'en') return base;
  }
  return 'kk';
}
