import { h } from '../dom';
import type { View } from './view';

export const responseView: View = async (root) => {
  root.append(h('p', { class: 'muted' }, 'Coming soon.'));
};
