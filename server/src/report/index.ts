/** The Preview Apply pictures, shared by the VS Code webview and `kubeplan preview --format html`. */
export { renderBody, renderDocument, renderMessageBody, renderPage, makeNonce, contentSecurityPolicy, type PageOptions } from './page';
export { countPods, podSummary, type PodCounts } from './sections/summary';
export { esc } from './escape';
