/**
 * The event recorder folds repeats (same object, type, reason and message) into one entry with a count,
 * whether it finds them by scanning the object's few events or, past a handful, by message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventRecorder } from '../../../server/src/engine/cluster/events';

/** What the recorder must do: a reference with one composite key per event. */
function reference(calls: [string, 'Normal' | 'Warning', string, string, number][]): object[] {
  const out: { time: number; object: string; type: string; reason: string; message: string; count?: number; lastTime?: number }[] = [];
  const byKey = new Map<string, (typeof out)[number]>();
  for (const [object, type, reason, message, time] of calls) {
    const key = JSON.stringify([object, type, reason, message]);
    const prev = byKey.get(key);
    if (prev) {
      prev.count = (prev.count ?? 1) + 1;
      prev.lastTime = time;
      continue;
    }
    const e = { time, object, type, reason, message };
    out.push(e);
    byKey.set(key, e);
  }
  return out;
}

test('repeats fold into a count on the first entry, for objects with few and with many distinct events', () => {
  let now = 0;
  const recorder = new EventRecorder(() => now);
  const calls: [string, 'Normal' | 'Warning', string, string, number][] = [];
  const record = (object: string, type: 'Normal' | 'Warning', reason: string, message: string) => {
    calls.push([object, type, reason, message, now]);
    recorder.record(object, type, reason, message);
  };
  // a busy object (a ReplicaSet creating 40 pods, each message distinct) and quiet ones, interleaved, with repeats
  for (let i = 0; i < 40; i++) {
    now = i;
    record('ReplicaSet/default/web-1', 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`);
    record(`Pod/default/web-1-${i % 5}`, 'Normal', 'Pulled', 'Container image "web:1" already present on machine');
    record(`Pod/default/web-1-${i % 5}`, i % 2 ? 'Warning' : 'Normal', 'BackOff', 'Back-off restarting failed container');
    // same message, other reason or type: distinct entries
    if (i % 7 === 0) record('ReplicaSet/default/web-1', 'Warning', 'SuccessfulCreate', `Created pod: web-1-${i}`);
    if (i % 3 === 0) record('ReplicaSet/default/web-1', 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i >> 1}`);
  }
  assert.deepEqual(recorder.events, reference(calls));
  const folded = recorder.events.filter((e) => e.count);
  assert.ok(folded.some((e) => e.object === 'ReplicaSet/default/web-1'), 'repeats on the busy object were found by message');
  assert.ok(folded.some((e) => e.object.startsWith('Pod/')), 'repeats on quiet objects were found by a scan');
  // every event about an object carries the same string
  const busy = recorder.events.filter((e) => e.object === 'ReplicaSet/default/web-1');
  assert.ok(busy.every((e) => e.object === busy[0]!.object));
});

test('past the limit new events are dropped but repeats still count', () => {
  const recorder = new EventRecorder(() => 1, 3);
  for (const m of ['a', 'b', 'c', 'd']) recorder.normal('Pod/x', 'R', m);
  recorder.normal('Pod/x', 'R', 'a');
  assert.deepEqual(recorder.events.map((e) => [e.message, e.count]), [['a', 2], ['b', undefined], ['c', undefined]]);
});
