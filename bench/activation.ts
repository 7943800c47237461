import type { Row } from './table';
export async function measureActivation(_root: string): Promise<Row[]> {
  return [{ metric: 'Extension activate()', ours: undefined, unit: 'ms', target: '≤ 100 ms', note: 'not measured yet' }];
}
