import type { Session } from '../harness/session';

/** One thing a person does in the editor, checked by what the screen then shows. Runs in order in one session. */
export interface Scenario {
  /** file-name-safe; the screenshot is test/e2e/artifacts/<id>.png */
  id: string;
  title: string;
  timeoutMs?: number;
  run(session: Session): Promise<void>;
}
