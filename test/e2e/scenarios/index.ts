// The scenarios, in the order a session runs them (later ones may rely on earlier edits).
import { hover } from './hover';
import { nonKubernetes } from './nonKubernetes';
import { outputChannel } from './outputChannel';
import { previewApply } from './previewApply';
import { problemsPanel } from './problemsPanel';
import { quickFix } from './quickFix';
import type { Scenario } from './scenario';
import { typeAFix } from './typeAFix';

export const SCENARIOS: Scenario[] = [problemsPanel, typeAFix, quickFix, hover, previewApply, nonKubernetes, outputChannel];
