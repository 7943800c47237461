import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { basename } from 'node:path';
import { uriToFile } from './uris';
import { plural } from '../engine/text/plural';

/**
 * Editor progress (`window/workDoneProgress`) for long work: linting a huge file and
 * reading the workspace. Reporters are created lazily and only for work worth showing.
 */
export class LintProgress {
  private readonly files = new Map<string, { total: number; reporter: Promise<WorkDoneProgressServerReporter> }>();
  private readonly named = new Map<string, Promise<WorkDoneProgressServerReporter>>();

  constructor(private readonly connection: Connection) {}

  /** `remaining` documents of `uri` are still to lint; shows progress once `show` says the work is big. */
  update(uri: string, remaining: number, show: boolean): void {
    let p = this.files.get(uri);
    if (!p) {
      if (!show) return;
      const total = remaining;
      const reporter = this.connection.window.createWorkDoneProgress().then((r) => {
        r.begin(`Kubeplan: linting ${basename(uriToFile(uri))}`, 0, plural(total, 'document'), false);
        return r;
      });
      this.files.set(uri, (p = { total, reporter }));
    }
    const done = Math.max(0, p.total - remaining);
    void p.reporter.then((r) => r.report(Math.round((done / Math.max(1, p!.total)) * 100), `${done} / ${plural(p!.total, 'document')}`));
  }

  done(uri: string): void {
    const p = this.files.get(uri);
    if (!p) return;
    this.files.delete(uri);
    void p.reporter.then((r) => r.done());
  }

  /** Starts a named progress of `total` steps; returns a function that reports steps done. */
  async begin(title: string, total: number): Promise<(done: number) => void> {
    const reporter = this.connection.window.createWorkDoneProgress().then((r) => {
      r.begin(title, 0, undefined, false);
      return r;
    });
    this.named.set(title, reporter);
    let last = -1;
    return (done) => {
      const pct = Math.floor((done / Math.max(1, total)) * 100);
      if (pct === last) return;
      last = pct;
      void reporter.then((r) => r.report(pct, `${done} / ${plural(total, 'file')}`));
    };
  }

  end(title: string): void {
    const r = this.named.get(title);
    this.named.delete(title);
    void r?.then((x) => x.done());
  }
}
