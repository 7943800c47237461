import type { Range, Severity } from '../model/finding';
import type { ExternalObject } from '../lint/options';

export type { ExternalObject };

/** What a rule can be set to: a severity, `off`, or `on` (its default severity). */
export type RuleLevel = Severity | 'off' | 'on';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error', 'on'];

/**
 * A suppression written in `.kubeplan.yaml` for objects that cannot be annotated
 * (third-party manifests): every pattern given must match; omitted patterns match anything.
 */
export interface ConfigSuppression {
  /** Rule ids, or `*` for every rule. */
  rules: readonly string[];
  kind?: string;
  namespace?: string;
  name?: string;
  container?: string;
  /** Glob of files, relative to the config file's folder. */
  file?: string;
  reason?: string;
  /** Where the entry is written in the config file (for "suppresses nothing"). */
  range: Range;
  /** Where each rule id is written, same order as `rules`. */
  ruleRanges: readonly Range[];
}

/** A parsed `.kubeplan.yaml`. */
export interface KubeplanConfig {
  /** The config file; undefined for the built-in defaults. */
  file: string | undefined;
  /** Folder that relative globs (`exclude`, `suppress[].file`) are resolved against. */
  dir: string;
  rules: ReadonlyMap<string, RuleLevel>;
  exclude: readonly string[];
  external: readonly ExternalObject[];
  suppress: readonly ConfigSuppression[];
  kubernetesVersion: string | undefined;
}

/** A problem in a config file, located in it. */
export interface ConfigProblem {
  file: string;
  message: string;
  range: Range;
  severity: Severity;
}
