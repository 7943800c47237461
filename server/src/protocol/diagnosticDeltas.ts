/**
 * Diagnostics as changes, for clients that ask for them (the VS Code client does). LSP's
 * publishDiagnostics resends a file's whole list on every publish: for a file of thousands
 * of objects that is megabytes of JSON per keystroke for the client to read, although an
 * edit changes a handful of diagnostics. With deltas the server sends only those, and the
 * client keeps the list. Types and names only (shared by the server and the client).
 */

/** `initializationOptions.diagnosticDeltas: true` asks for deltas instead of publishDiagnostics. */
export const DIAGNOSTIC_DELTAS_OPTION = 'diagnosticDeltas';

export const DIAGNOSTIC_DELTA_NOTIFICATION = 'kubeplan/diagnosticDelta';

/** An LSP Diagnostic, as publishDiagnostics would carry it. */
export type WireDiagnostic = object;

export interface DiagnosticDeltaParams {
  uri: string;
  /** The document version the diagnostics are for, when the file is open. */
  version?: number;
  /** The file's diagnostics are exactly `diagnostics`: forget what it had (ids start over). */
  reset: boolean;
  /** Ids of diagnostics that are gone. */
  remove: number[];
  /** Ids of the new diagnostics, one per entry of `diagnostics`. */
  ids: number[];
  /** New diagnostics (last, so a big first publish can be written from cached pieces). */
  diagnostics: WireDiagnostic[];
}

/** A client's copy of one file's diagnostics, by id, brought up to date by each delta. */
export function applyDiagnosticDelta<D>(current: Map<number, D> | undefined, delta: DiagnosticDeltaParams, convert: (d: WireDiagnostic) => D): Map<number, D> {
  const next = delta.reset || !current ? new Map<number, D>() : current;
  for (const id of delta.remove) next.delete(id);
  for (let i = 0; i < delta.ids.length; i++) next.set(delta.ids[i]!, convert(delta.diagnostics[i]!));
  return next;
}
