/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): hard constraints
 * (DoNotSchedule) filter, soft ones (ScheduleAnyway, or the system defaults) score.
 * PreFilter skips pods without hard constraints; PreScore skips pods without soft ones.
 */
import type { Plugin, PluginCycle } from '../../framework/types';
import { podConstraints } from './common';
import { spreadFilter } from './filtering';
import { sharedSpreadScoring } from './scoring';

export const PodTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  cycle(pod, snapshot) {
    const hard = podConstraints(pod, snapshot, 'DoNotSchedule');
    const scoring = sharedSpreadScoring(pod, snapshot, podConstraints(pod, snapshot, 'ScheduleAnyway'));
    // without hard constraints the cycle is the scoring one, shared with the pod's siblings
    if (hard.length === 0) return scoring;
    const f = spreadFilter(pod, snapshot, hard);
    const cycle: PluginCycle = { filter: f.filter, updateWithPod: f.updateWithPod };
    return Object.assign(cycle, scoring);
  },
};
