import type { AlertLanguage } from './alert-types';

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const WORDS = {
  en: {
    made: 'Called back',
    failed: 'No answer',
    confirm: (what: string) => `Record “${what}” for this callback request?`,
    button: 'Record',
    done: (what: string) => `Recorded: ${what}. Thank you.`,
    used: 'This link was already used: the answer is recorded once.',
    expired: 'This link has expired. Record the call in the dashboard instead.',
    invalid: 'This link is not valid (it may have been cut or changed).',
    gone: 'The callback request of this link no longer exists.',
  },
  ru: {
    made: 'Перезвонили',
    failed: 'Не дозвонились',
    confirm: (what: string) => `Отметить «${what}» для этой заявки?`,
    button: 'Отметить',
    done: (what: string) => `Отмечено: ${what}. Спасибо.`,
    used: 'Эта ссылка уже использована: ответ записывается один раз.',
    expired: 'Срок действия ссылки истёк. Отметьте звонок в панели.',
    invalid: 'Ссылка недействительна (возможно, обрезана или изменена).',
    gone: 'Заявки по этой ссылке больше нет.',
  },
};
export type LinkWords = (typeof WORDS)['en'];
export const linkWords = (lang: AlertLanguage): LinkWords => WORDS[lang];

/** A small self-contained page (no scripts): the confirmation form, or why the link is refused. */
export function linkPage(title: string, lines: string[], form?: { action: string; button: string }): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1.25rem}</style>
</head><body><h1>${esc(title)}</h1>
${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}
${form ? `<form method="post" action="${esc(form.action)}"><button type="submit">${esc(form.button)}</button></form>` : ''}
</body></html>`;
}
