import type { Message } from 'vscode-languageserver/node';
import { isRecord } from '../engine/kube/identity';
import { isRange } from './params';

/**
 * Document-sync notifications feed the open-document store and every feature behind it, and a
 * notification has no answer to carry an error: one of the wrong shape (a client's bug, a
 * uri that is not a string) is dropped before dispatch instead of failing somewhere inside.
 * Returns why it is dropped, or undefined when it may pass.
 */
export function malformedNotification(message: Message): string | undefined {
  const m = message as { method?: unknown; params?: unknown; id?: unknown };
  if (typeof m.method !== 'string' || m.id !== undefined) return undefined; // requests answer for themselves
  const check = SHAPES[m.method];
  return check && !check(m.params) ? m.method : undefined;
}

const isNat = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const documentWithUri = (p: unknown): boolean => isRecord(p) && isRecord(p.textDocument) && typeof p.textDocument.uri === 'string';

const SHAPES: Record<string, (params: unknown) => boolean> = {
  'textDocument/didOpen': (p) =>
    documentWithUri(p) &&
    ((td: Record<string, unknown>) => typeof td.languageId === 'string' && isInt(td.version) && typeof td.text === 'string')((p as { textDocument: Record<string, unknown> }).textDocument),
  'textDocument/didChange': (p) =>
    documentWithUri(p) &&
    isInt((p as { textDocument: Record<string, unknown> }).textDocument.version) &&
    Array.isArray((p as { contentChanges?: unknown }).contentChanges) &&
    (p as { contentChanges: unknown[] }).contentChanges.every((c) => isRecord(c) && typeof c.text === 'string' && (c.range === undefined || isRange(c.range)) && (c.rangeLength === undefined || isNat(c.rangeLength))),
  'textDocument/didClose': documentWithUri,
  'textDocument/didSave': documentWithUri,
  'textDocument/willSave': documentWithUri,
  'workspace/didChangeWatchedFiles': (p) => isRecord(p) && Array.isArray(p.changes) && p.changes.every((c) => isRecord(c) && typeof c.uri === 'string' && (c.type === 1 || c.type === 2 || c.type === 3)),
};
