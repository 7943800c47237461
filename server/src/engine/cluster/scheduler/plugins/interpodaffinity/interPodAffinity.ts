/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required pod affinity and
 * anti-affinity (the incoming pod's and the existing pods') filter; preferred terms score.
 */
import { SKIP, type Plugin, type PluginCycle } from '../../framework/types';
import { affinityFilter } from './filtering';
import { affinityScoring } from './scoring';

export const InterPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  cycle(pod, snapshot) {
    const f = affinityFilter(pod, snapshot);
    // nothing to filter, and PreScore would skip (no preferred terms of its own, no pod anywhere with affinity):
    // the shared empty cycle, which the attempt leaves out as it would this one
    if (!f && pod.preferredAffinityTerms.length === 0 && pod.preferredAntiAffinityTerms.length === 0 && snapshot.podsWithAffinity === 0) return SKIP;
    const cycle: PluginCycle = {};
    if (f) {
      cycle.filter = f.filter;
      cycle.updateWithPod = f.updateWithPod;
    }
    Object.assign(cycle, affinityScoring(pod, snapshot));
    return cycle;
  },
};
