import { h } from '../dom';
import type { View } from './view';

export const funnelsView: View = async (root) => {
  root.append(h('p', { class: 'muted' }, 'Coming soon.'));
};
