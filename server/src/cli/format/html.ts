import type { SimulationResult } from '../../engine/cluster/result';
import { makeNonce, renderPage } from '../../report';

export interface HtmlReportOptions {
  /** What was previewed, for the title: the paths given on the command line. */
  inputs: readonly string[];
  /** Which cluster it ran on, in words. */
  cluster: string;
}

/**
 * `kubeplan preview --format html`: the editor's pictures as one self-contained page
 * (inline CSS and script under a nonce'd CSP, nothing fetched), light or dark by the
 * viewer's system preference; good as a CI artifact.
 */
export function formatHtml(result: SimulationResult, options: HtmlReportOptions): string {
  const what = options.inputs.length ? options.inputs.join(' ') : '.';
  return renderPage(result, {
    nonce: makeNonce(),
    theme: 'standalone',
    title: `Kubeplan preview — ${what}`,
    footer: `kubeplan preview --format html: scenario ${result.scenario}, ${Math.round(result.duration)} s of virtual time on ${options.cluster}.`,
  });
}
