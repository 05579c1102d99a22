import type { Dimension } from '../../collector/model';
import { h } from '../dom';
import type { FunnelMode } from '../funnel-api';
import { BREAKDOWNS, breakdownLabel, type Definition, MODES, WINDOWS } from '../funnel-definition';
import { t } from '../i18n';
import { navigate } from '../state';
import { pickableTouchpoints } from '../touchpoint-label';

const selectOf = (name: string, options: [string, string][], value: string) => {
  const sel = h(
    'select',
    { name },
    options.map(([v, label]) => h('option', { value: v }, label)),
  );
  sel.value = value;
  return sel;
};

/**
 * The funnel builder: 2–10 steps picked from the site's touchpoints and pages (the first step may
 * also be "landed on page X"), the order, the window, the breakdown and the comparison. Submitting
 * puts the funnel in the URL, which draws the report.
 */
export function funnelBuilder(def: Definition, names: string[], pages: string[]): HTMLElement {
  const steps = h('ol', { class: 'steps', 'aria-label': t('funnel.steps') });
  const touchpoints = pickableTouchpoints(names);
  const options = (selected: string, n: number) => {
    const sel = h(
      'select',
      { 'aria-label': t('funnel.stepN', { n }), 'data-step': '' },
      h('option', { value: '' }, t('funnel.choose')),
      h(
        'optgroup',
        { label: t('funnel.touchpoints') },
        touchpoints.map((x) => h('option', { value: `e:${x.name}` }, x.label)),
      ),
      h(
        'optgroup',
        { label: t('funnel.pages') },
        pages.map((p) => h('option', { value: `p:${p}` }, t('funnel.pageStep', { path: p }))),
      ),
      h(
        'optgroup',
        { label: t('funnel.landingPages'), 'data-landing': '' },
        pages.map((p) => h('option', { value: `l:${p}` }, t('funnel.landingStep', { path: p }))),
      ),
    );
    sel.value = selected;
    return sel;
  };
  const number = () =>
    steps.querySelectorAll('li').forEach((li, i) => {
      li.querySelector('.step-no')!.textContent = String(i + 1);
      // "Landed on page X" starts a funnel: offered on the first step only (a choice already
      // made stays valid if its step moves down, as the API takes it anywhere).
      const landing = li.querySelector<HTMLOptGroupElement>('optgroup[data-landing]')!;
      const kept = li.querySelector('select')!.value.startsWith('l:');
      landing.hidden = landing.disabled = i > 0 && !kept;
      li.querySelector('select')!.setAttribute('aria-label', t('funnel.stepN', { n: i + 1 }));
      li.querySelector('button')!.setAttribute('aria-label', t('funnel.removeStep', { n: i + 1 }));
    });
  const addStep = (value = '') => {
    const li = h(
      'li',
      { class: 'step' },
      h('span', { class: 'step-no', 'aria-hidden': 'true' }),
      options(value, steps.children.length + 1),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost small',
          onclick: () => {
            li.remove();
            number();
          },
        },
        '✕',
      ),
    );
    steps.appendChild(li);
    number();
  };
  for (const s of def.steps.length ? def.steps : ['', '', '']) addStep(s);
  const mode = selectOf(
    'mode',
    MODES.map((m) => [m.id, t(m.label)]),
    def.mode,
  );
  const win = selectOf(
    'window',
    Object.entries(WINDOWS).map(([id, w]) => [id, t(w.label)]),
    def.window,
  );
  const by = selectOf(
    'breakdown',
    BREAKDOWNS.map((d) => [d, breakdownLabel(d)]),
    def.by,
  );
  const compare = h('input', { type: 'checkbox', name: 'compare', checked: def.compare });
  return h(
    'form',
    {
      class: 'card funnel-builder',
      onsubmit: (e) => {
        e.preventDefault();
        const chosen = [...steps.querySelectorAll('select')].map((s) => s.value).filter(Boolean);
        const next: Definition = {
          steps: chosen,
          mode: mode.value as FunnelMode,
          window: win.value,
          by: by.value as Dimension,
          compare: compare.checked,
        };
        navigate({ extra: { funnel: JSON.stringify(next) } });
      },
    },
    h('h2', {}, t('funnel.build')),
    h('p', { class: 'muted' }, names.length || pages.length ? t('funnel.pick') : t('funnel.nothingYet')),
    steps,
    h(
      'div',
      { class: 'form-grid' },
      h(
        'button',
        { type: 'button', class: 'ghost small', onclick: () => steps.children.length < 10 && addStep() },
        t('funnel.addStep'),
      ),
      h('label', { class: 'field' }, h('span', {}, t('funnel.order')), mode),
      h('label', { class: 'field' }, h('span', {}, t('funnel.within')), win),
      h('label', { class: 'field' }, h('span', {}, t('funnel.breakdown')), by),
      h('label', { class: 'check' }, compare, t('funnel.compare')),
      h('button', { type: 'submit' }, t('funnel.show')),
    ),
  );
}
