// NodeUnschedulable (plugins/nodeunschedulable): a cordoned node takes only pods tolerating its unschedulable taint.
import { tolerationsTolerateTaint } from '../../api/scheduling.js';
import { unresolvable, type FilterPlugin } from './framework.js';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, ni) {
    if (!ni.node.spec?.unschedulable) return undefined;
    if (tolerationsTolerateTaint(pod.spec?.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
    return unresolvable('NodeUnschedulable', 'node(s) were unschedulable');
  },
};
