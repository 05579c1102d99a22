import type { AlertLanguage } from './alert-types';

/** The phrases of one language. */
export interface AlertTexts {
  names: Record<string, string>;
  test: string;
  page: string;
  source: string;
  time: string;
  landing: string;
  before: string;
  journey: string;
  calledBack: string;
  noAnswer: string;
  leadGroup: (count: number, minutes: number) => string;
  list: string;
  more: (n: number) => string;
  reminder: (minutes: number) => string;
  deadline: string;
  drop: string;
  spike: string;
  resolved: string;
  observed: (observed: number, expected: number, hours: number) => string;
  chance: string;
  digest: (period: string) => string;
  visitors: string;
  leads: string;
  conversions: string;
  weakest: string;
  lost: string;
  response: (minutes: number) => string;
  withinStandard: (within: number, requests: number, share: string, unanswered: number) => string;
  funnel: string;
  ratingChanged: string;
  ratings: Record<'wow' | 'ok' | 'annoying' | 'not-enough-data', string>;
  /** Followed by `source (goal conversions / leads)`. */
  topSources: string;
  none: string;
}

/** Every phrase of an alert, in each language a site can choose. */
export const TEXTS: Record<AlertLanguage, AlertTexts> = {
  en: {
    names: {
      callback_request: 'Callback request',
      form_submit: 'Form submitted',
      chat_open: 'Chat opened',
      messenger_click: 'Messenger click',
      call_click: 'Call click',
    },
    test: 'Test alert: this channel works',
    page: 'Page',
    source: 'Source',
    time: 'Time',
    landing: 'Landing page',
    before: 'Before',
    journey: 'Journey',
    calledBack: 'Called back',
    noAnswer: 'No answer',
    leadGroup: (n: number, m: number) => `${n} new lead${n === 1 ? '' : 's'} in the last ${m} minutes`,
    list: 'All alerts',
    more: (n: number) => `and ${n} more`,
    reminder: (m: number) => `No callback yet: the ${m}-minute standard ran out`,
    deadline: 'Deadline',
    drop: 'stopped',
    spike: 'surged',
    resolved: 'Resolved',
    observed: (o: number, e: number, h: number) => `${o} in the last ${h} h, usually ${e.toFixed(1)}`,
    chance: 'Chance by accident',
    digest: (p: string) => (p === 'weekly' ? 'Weekly digest' : 'Daily digest'),
    visitors: 'Visitors',
    leads: 'Leads',
    conversions: 'Conversions',
    weakest: 'Weakest link',
    lost: 'lost',
    response: (m: number) => `Callbacks within ${m} min`,
    withinStandard: (w: number, n: number, share: string, u: number) =>
      `${w} of ${n} (${share}), ${u} unanswered`,
    funnel: 'Funnel',
    ratingChanged: 'Rating changed',
    ratings: { wow: 'wow', ok: 'ok', annoying: 'annoying', 'not-enough-data': 'not enough data' },
    topSources: 'Top sources (conversions / leads)',
    none: '—',
  },
  ru: {
    names: {
      callback_request: 'Заявка на обратный звонок',
      form_submit: 'Отправлена форма',
      chat_open: 'Открыт чат',
      messenger_click: 'Переход в мессенджер',
      call_click: 'Клик по телефону',
    },
    test: 'Тестовое оповещение: канал работает',
    page: 'Страница',
    source: 'Источник',
    time: 'Время',
    landing: 'Страница входа',
    before: 'До этого',
    journey: 'Путь посетителя',
    calledBack: 'Перезвонили',
    noAnswer: 'Не дозвонились',
    // Number first with a colon: no plural forms to get wrong.
    leadGroup: (n: number, m: number) => `Новые заявки за последние ${m} мин: ${n}`,
    list: 'Все оповещения',
    more: (n: number) => `и ещё ${n}`,
    reminder: (m: number) => `Ещё не перезвонили: норматив ${m} мин истёк`,
    deadline: 'Срок',
    drop: 'прекратилось',
    spike: 'резко выросло',
    resolved: 'Восстановилось',
    observed: (o: number, e: number, h: number) => `${o} за последние ${h} ч, обычно ${e.toFixed(1)}`,
    chance: 'Вероятность случайности',
    digest: (p: string) => (p === 'weekly' ? 'Недельная сводка' : 'Дневная сводка'),
    visitors: 'Посетители',
    leads: 'Заявки',
    conversions: 'Конверсии',
    weakest: 'Слабое звено',
    lost: 'потеряно',
    response: (m: number) => `Перезвонили за ${m} мин`,
    withinStandard: (w: number, n: number, share: string, u: number) =>
      `${w} из ${n} (${share}), без ответа: ${u}`,
    funnel: 'Воронка',
    ratingChanged: 'Оценка изменилась',
    ratings: { wow: 'вау', ok: 'норма', annoying: 'раздражает', 'not-enough-data': 'мало данных' },
    topSources: 'Лучшие источники (конверсии / заявки)',
    none: '—',
  },
};
