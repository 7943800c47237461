/** Engine options that change what rules report (not just how loudly). */
export interface LintOptions {
  /**
   * The Kubernetes version the manifests target, as "1.31" (a patch or a leading "v" is accepted).
   * Drives `deprecated-api`. Setting: `kubeplan.kubernetesVersion`.
   */
  readonly kubernetesVersion: string;
}

export const DEFAULT_KUBERNETES_VERSION = '1.31';

export const DEFAULT_LINT_OPTIONS: LintOptions = { kubernetesVersion: DEFAULT_KUBERNETES_VERSION };

/**
 * An object that exists outside the workspace (declared in `.kubeplan.yaml` `external:` or in
 * the cluster file), so references to it are not dangling.
 * `namespace` omitted: the object exists in every namespace. `name: "*"`: every name of that kind.
 */
export interface ExternalObject {
  readonly kind: string;
  /** A name, or a glob (`istio-*`, `*`). */
  readonly name: string;
  /** A namespace or a glob; omitted: every namespace. */
  readonly namespace?: string;
  readonly apiVersion?: string;
}
