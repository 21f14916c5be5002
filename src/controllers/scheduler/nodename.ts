// NodeName (plugins/nodename): spec.nodeName, when set before scheduling, names the only fitting node.
import { unresolvable, type FilterPlugin } from './framework.js';

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(pod, ni) {
    const want = pod.spec?.nodeName;
    if (!want || want === ni.name) return undefined;
    return unresolvable('NodeName', "node(s) didn't match the requested node name");
  },
};
