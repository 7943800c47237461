/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required pod affinity and
 * anti-affinity (the incoming pod's and the existing pods') filter; preferred terms score.
 */
import type { Plugin, PluginCycle } from '../../framework/types';
import { affinityFilter } from './filtering';
import { affinityScoring } from './scoring';

export const InterPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  cycle(pod, snapshot) {
    const cycle: PluginCycle = {};
    const f = affinityFilter(pod, snapshot);
    if (f) {
      cycle.filter = f.filter;
      cycle.updateWithPod = f.updateWithPod;
    }
    Object.assign(cycle, affinityScoring(pod, snapshot));
    return cycle;
  },
};
