import type { Dimension } from '../../collector/model';
import { h } from '../dom';
import { errorText } from '../error-text';
import {
  deleteSavedFunnel,
  type FunnelMode,
  type SavedFunnel,
  type StepCondition,
  saveFunnel,
} from '../funnel-api';
import { BREAKDOWNS, type Definition, stepChoice, WINDOWS, windowOf } from '../funnel-definition';
import { t } from '../i18n';
import { navigate } from '../state';

/** The site's saved funnels, to open or delete, and a name field that saves the one on screen. */
export function savedFunnels(
  site: string,
  list: SavedFunnel[],
  def: Definition,
  conditions: StepCondition[],
): HTMLElement {
  const problem = h('p', { class: 'error', role: 'alert' });
  const name = h('input', { name: 'funnel-name', maxlength: 100, 'aria-label': t('funnel.saveName') });
  const open = (f: SavedFunnel) => {
    const d = f.definition;
    const next: Definition = {
      steps: (d.steps as StepCondition[]).map(stepChoice),
      mode: (d.mode as FunnelMode) ?? 'ordered',
      window: windowOf(d.windowMinutes),
      by: BREAKDOWNS.includes(d.breakdown as Dimension) ? (d.breakdown as Dimension) : 'channel',
      compare: d.compare === true,
    };
    navigate({ extra: { funnel: JSON.stringify(next) } });
  };
  return h(
    'section',
    { class: 'card saved-funnels' },
    h('h2', {}, t('funnel.saved')),
    list.length
      ? h(
          'ul',
          { class: 'links' },
          list.map((f) =>
            h(
              'li',
              { 'data-saved-funnel': f.id },
              h('button', { type: 'button', class: 'ghost small', onclick: () => open(f) }, f.name),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small',
                  'aria-label': t('funnel.deleteSaved', { name: f.name }),
                  onclick: async (e) => {
                    // Asked on the button itself (no blocking dialog): the second press deletes.
                    const b = e.currentTarget as HTMLButtonElement;
                    if (!b.dataset.confirm) {
                      b.dataset.confirm = '1';
                      b.textContent = t('funnel.confirmDelete', { name: f.name });
                      b.removeAttribute('aria-label');
                      return;
                    }
                    await deleteSavedFunnel(site, f.id)
                      .then(() =>
                        navigate({ extra: { funnel: JSON.stringify(def), saved: String(Date.now()) } }),
                      )
                      .catch((err) => (problem.textContent = errorText(err)));
                  },
                },
                t('funnel.delete'),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('funnel.noneSaved')),
    conditions.length >= 2
      ? h(
          'form',
          {
            class: 'form-grid',
            onsubmit: async (e) => {
              e.preventDefault();
              if (!name.value.trim()) {
                problem.textContent = `${t('funnel.saveName')}: ${t('funnel.saveNameHint')}`;
                name.focus();
                return;
              }
              await saveFunnel(site, name.value.trim(), {
                steps: conditions,
                mode: def.mode,
                windowMinutes: WINDOWS[def.window]!.minutes,
                breakdown: def.by,
                compare: def.compare,
              })
                .then(() => navigate({ extra: { funnel: JSON.stringify(def), saved: String(Date.now()) } }))
                .catch((err) => (problem.textContent = errorText(err)));
            },
          },
          h('label', { class: 'field' }, h('span', {}, t('funnel.saveName')), name),
          h('button', { type: 'submit' }, t('funnel.save')),
        )
      : null,
    problem,
  );
}
