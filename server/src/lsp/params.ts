import { ErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver/node';
import { isRecord } from '../engine/kube/identity';
import type { PreviewScenario, PreviewScope, SimulateParams } from '../protocol/preview';

/**
 * Request parameters are input from another process: checked before use, so a client that
 * sends the wrong shape gets an InvalidParams answer instead of a handler's TypeError (an
 * "internal error" with a stack trace in the editor's log).
 */
export function invalidParams(method: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: invalid parameters`);
}

const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function isPosition(v: unknown): v is Position {
  return isRecord(v) && isNat(v.line) && isNat(v.character);
}

export function isRange(v: unknown): v is Range {
  return isRecord(v) && isPosition(v.start) && isPosition(v.end);
}

/** `{ textDocument: { uri: string } }`, as every textDocument/* request has. */
export function hasDocumentUri(v: unknown): v is { textDocument: { uri: string } } {
  return isRecord(v) && isRecord(v.textDocument) && typeof v.textDocument.uri === 'string';
}

const SCOPES: readonly PreviewScope[] = ['file', 'folder', 'workspace'];
const optionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

export function previewScenario(v: unknown): PreviewScenario | undefined {
  if (!isRecord(v)) return undefined;
  switch (v.kind) {
    case 'apply':
    case 'load':
      return { kind: v.kind };
    case 'node-failure':
      return optionalString(v.node) ? (v.node ? { kind: 'node-failure', node: v.node } : { kind: 'node-failure' }) : undefined;
    case 'rollout':
      return optionalString(v.deployment) ? (v.deployment ? { kind: 'rollout', deployment: v.deployment } : { kind: 'rollout' }) : undefined;
    default:
      return undefined;
  }
}

/** The `kubeplan/simulate` parameters, or undefined when they are not that shape. */
export function simulateParams(v: unknown): SimulateParams | undefined {
  if (!isRecord(v) || (v.scope !== undefined && !SCOPES.includes(v.scope as PreviewScope)) || !optionalString(v.uri)) return undefined;
  if (v.workDoneToken !== undefined && typeof v.workDoneToken !== 'string' && typeof v.workDoneToken !== 'number') return undefined;
  const scenario = v.scenario === undefined ? undefined : previewScenario(v.scenario);
  if (v.scenario !== undefined && !scenario) return undefined;
  return { scope: v.scope as PreviewScope, ...(v.uri ? { uri: v.uri } : {}), ...(scenario ? { scenario } : {}), ...(v.workDoneToken !== undefined ? { workDoneToken: v.workDoneToken as string | number } : {}) };
}
