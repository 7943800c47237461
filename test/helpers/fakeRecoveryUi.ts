import type { RecoveryUi } from '../../client/src/serverRecovery';

/** A fake VS Code UI: records notifications and answers with the button a test picks. */
export function fakeUi(answer: (message: string, actions: string[]) => string | undefined = () => undefined) {
  const shown: { kind: 'warn' | 'error'; message: string; actions: string[] }[] = [];
  const calls = { showOutput: 0, restart: 0 };
  const ui: RecoveryUi = {
    warn: async (message, ...actions) => (shown.push({ kind: 'warn', message, actions }), answer(message, actions)),
    error: async (message, ...actions) => (shown.push({ kind: 'error', message, actions }), answer(message, actions)),
    showOutput: () => void calls.showOutput++,
    restart: async () => void calls.restart++,
  };
  return { ui, shown, calls };
}
