/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): hard constraints
 * (DoNotSchedule) filter, soft ones (ScheduleAnyway, or the system defaults) score.
 * PreFilter skips pods without hard constraints; PreScore skips pods without soft ones.
 */
import type { Plugin, PluginCycle } from '../../framework/types';
import { podConstraints } from './common';
import { spreadFilter } from './filtering';
import { spreadScoring } from './scoring';

export const PodTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  cycle(pod, snapshot) {
    const cycle: PluginCycle = {};
    const hard = podConstraints(pod, snapshot, 'DoNotSchedule');
    if (hard.length > 0) {
      const f = spreadFilter(pod, snapshot, hard);
      cycle.filter = f.filter;
      cycle.updateWithPod = f.updateWithPod;
    }
    Object.assign(cycle, spreadScoring(pod, snapshot, podConstraints(pod, snapshot, 'ScheduleAnyway')));
    return cycle;
  },
};
