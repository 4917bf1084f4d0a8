import type { FlagCategory } from '../signals/flag.types.ts';

export interface WarningTemplate {
  /** Translation key, e.g. `warning.tab_switch`. */
  key: `warning.${FlagCategory}`;
  kk: string;
  ru: string;
  en: string;
}

const t = <C extends FlagCategory>(category: C, kk: string, ru: string, en: string) => ({
  key: `warning.${category}` as const,
  kk,
  ru,
  en,
});

/**
 * The text a student sees (and must acknowledge) for a warning, per category, in the three
 * languages of the university. The web's translation files start from these.
 */
export const warningTemplates: { readonly [C in FlagCategory]: WarningTemplate } = {
  tab_switch: t(
    'tab_switch',
    'Емтихан бетінде болыңыз. Емтихан кезінде браузер беттерінің арасында ауысуға тыйым салынады.',
    'Оставайтесь на странице экзамена. Переходить между вкладками браузера во время экзамена запрещено.',
    'Stay on the exam page. Moving between browser tabs is not allowed during the exam.',
  ),
  headphones: t(
    'headphones',
    'Құлаққапты шешіңіз. Емтихан кезінде құлаққаппен отыруға тыйым салынады.',
    'Снимите наушники. Сидеть в наушниках во время экзамена запрещено.',
    'Take off your headphones. Headphones are not allowed during the exam.',
  ),
  third_person: t(
    'third_person',
    'Жаныңызда басқа адам бар. Емтиханды өз бетіңізше тапсырыңыз: үшінші тұлғалардың кеңесіне тыйым салынады.',
    'Рядом с вами другой человек. Сдавайте экзамен самостоятельно: советы третьих лиц запрещены.',
    'Another person is with you. Take the exam on your own: advice from third persons is not allowed.',
  ),
  cheat_sheet: t(
    'cheat_sheet',
    'Шпаргалканы алып қойыңыз. Тек курстың үлестірме материалдарын пайдалануға болады.',
    'Уберите шпаргалку. Пользоваться можно только раздаточными материалами курса.',
    'Put the cheat sheet away. Only the course handouts may be used.',
  ),
  phone_call: t(
    'phone_call',
    'Телефонды алып қойыңыз. Емтихан кезінде телефонмен сөйлесуге тыйым салынады.',
    'Уберите телефон. Разговаривать по телефону во время экзамена запрещено.',
    'Put your phone away. Phone calls are not allowed during the exam.',
  ),
  left_without_warning: t(
    'left_without_warning',
    'Сіз ескертусіз кетіп қалдыңыз. Камераның алдында болыңыз; ақау туындаса, алдымен оқытушыға хабарлаңыз.',
    'Вы ушли без предупреждения. Оставайтесь перед камерой; если возник сбой, сначала сообщите преподавателю.',
    'You left without warning. Stay in front of the camera; if something fails, tell the teacher first.',
  ),
  face_absent: t(
    'face_absent',
    'Бетіңіз көрінбейді. Камераның алдына отырыңыз.',
    'Вашего лица не видно. Сядьте перед камерой.',
    'Your face is not visible. Sit in front of the camera.',
  ),
  multiple_faces: t(
    'multiple_faces',
    'Камерада бірнеше адам көрінеді. Кадрда тек сіз болуыңыз керек.',
    'В камере видно несколько человек. В кадре должны быть только вы.',
    'More than one person is visible on camera. Only you may be in view.',
  ),
  looking_away: t(
    'looking_away',
    'Экранға немесе курстың үлестірме материалдарына қараңыз.',
    'Смотрите на экран или в раздаточные материалы курса.',
    'Keep your eyes on the screen or on the course handouts.',
  ),
  speech: t(
    'speech',
    'Сөйлеген дыбыс естілді. Емтихан кезінде үнсіз жұмыс істеңіз.',
    'Слышна речь. Во время экзамена работайте молча.',
    'Speech was heard. Work in silence during the exam.',
  ),
  screen_share_stopped: t(
    'screen_share_stopped',
    'Экранды көрсету тоқтап қалды. Экранға қолжетімділікті қайта ашыңыз.',
    'Демонстрация экрана остановлена. Снова откройте доступ к экрану.',
    'Screen sharing has stopped. Open screen access again.',
  ),
  not_entire_screen: t(
    'not_entire_screen',
    'Сіз экранның бір бөлігін ғана көрсетіп отырсыз. «Бүкіл экранды көрсету» тармағын таңдаңыз.',
    'Вы показываете только часть экрана. Выберите «Показать весь экран».',
    'You are sharing only part of the screen. Choose "Share entire screen".',
  ),
  camera_off: t(
    'camera_off',
    'Камераңыз өшірулі. Камераны қосыңыз.',
    'Ваша камера выключена. Включите камеру.',
    'Your camera is off. Turn the camera on.',
  ),
  microphone_off: t(
    'microphone_off',
    'Микрофоныңыз өшірулі. Микрофонды қосыңыз.',
    'Ваш микрофон выключен. Включите микрофон.',
    'Your microphone is off. Turn the microphone on.',
  ),
  second_display: t(
    'second_display',
    'Екінші монитор қосылған. Оны ажыратып, бір ғана экранды пайдаланыңыз.',
    'Подключён второй монитор. Отключите его и пользуйтесь одним экраном.',
    'A second display is connected. Disconnect it and use one screen only.',
  ),
  virtual_camera: t(
    'virtual_camera',
    'Виртуалды камера қолданылып тұр. Нақты веб-камераға ауысыңыз.',
    'Используется виртуальная камера. Переключитесь на настоящую веб-камеру.',
    'A virtual camera is in use. Switch to your real web camera.',
  ),
  identity_mismatch: t(
    'identity_mismatch',
    'Камерадағы адам жеке басын куәландыратын құжатқа сәйкес келмейді. Камераға қараңыз, проктор тексереді.',
    'Человек в камере не совпадает с документом, удостоверяющим личность. Посмотрите в камеру, проктор проверит.',
    'The person on camera does not match the identity document. Face the camera; the proctor will check.',
  ),
  copy_paste: t(
    'copy_paste',
    'Мәтінді көшіру немесе қою байқалды. Жауапты өзіңіз жазыңыз.',
    'Замечено копирование или вставка текста. Пишите ответ сами.',
    'Copying or pasting was noticed. Write your answer yourself.',
  ),
  connection_lost: t(
    'connection_lost',
    'Байланыс үзілді. Техникалық ақау болса, бұл туралы оқытушыға хабарлаңыз.',
    'Связь прервалась. Если произошёл технический сбой, сообщите об этом преподавателю.',
    'The connection was lost. If there was a technical failure, tell the teacher.',
  ),
  context_menu: t(
    'context_menu',
    'Емтихан бетінде тінтуірдің оң жақ мәзірін ашпаңыз.',
    'Не открывайте контекстное меню на странице экзамена.',
    'Do not open the context menu on the exam page.',
  ),
  virtual_machine: t(
    'virtual_machine',
    'Емтиханды виртуалды машинада емес, өз компьютеріңізде тапсырыңыз.',
    'Сдавайте экзамен на своём компьютере, а не в виртуальной машине.',
    'Take the exam on your own computer, not in a virtual machine.',
  ),
  detection_degraded: t(
    'detection_degraded',
    'Камера мен микрофонды тексеру толық жұмыс істемей тұр. Камера мен микрофонның қосулы екенін тексеріңіз.',
    'Автоматическая проверка камеры и микрофона работает не полностью. Проверьте, что камера и микрофон включены.',
    'Automated checking of your camera and microphone is not fully working. Check that both are on.',
  ),
  second_camera_paused: t(
    'second_camera_paused',
    'Телефондағы камера тоқтап қалды. Телефонда емтихан бетін қайта ашып, телефонды бұғаттамаңыз.',
    'Камера на телефоне остановилась. Снова откройте страницу экзамена на телефоне и не блокируйте его.',
    'Your phone camera stopped. Open the exam page on your phone again and do not lock the phone.',
  ),
  second_camera_lost: t(
    'second_camera_lost',
    'Телефондағы камера ұзақ уақыт жұмыс істемей тұр. Телефонды қайта қосып, үстел көрінетіндей қойыңыз.',
    'Камера на телефоне долго не работает. Снова подключите телефон и поставьте его так, чтобы был виден стол.',
    'Your phone camera has been off for a long time. Connect the phone again and place it so the desk is in view.',
  ),
  warning_unacknowledged: t(
    'warning_unacknowledged',
    'Проктордың ескертулеріне жауап беріңіз: әр ескертуді «Түсіндім» батырмасымен растаңыз.',
    'Отвечайте на предупреждения проктора: подтверждайте каждое предупреждение кнопкой.',
    'Respond to the proctor’s warnings: acknowledge each one with its button.',
  ),
};

export const warningTemplateKey = (category: FlagCategory): `warning.${FlagCategory}` =>
  `warning.${category}`;
