import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agree, plural, pluralOf } from '../../server/src/engine/text/plural';

test('counted nouns take their English plural', () => {
  assert.equal(plural(1, 'crash'), '1 crash');
  assert.equal(plural(14, 'crash'), '14 crashes');
  assert.equal(plural(0, 'pod'), '0 pods');
  assert.equal(plural(2, 'policy'), '2 policies');
  assert.equal(plural(2, 'day'), '2 days');
  assert.equal(plural(3, 'box'), '3 boxes');
  assert.equal(plural(2, 'match'), '2 matches');
  assert.equal(plural(2, 'child', 'children'), '2 children');
  assert.equal(pluralOf('Service'), 'Services');
  assert.equal(agree(1, 'stays', 'stay'), 'stays');
  assert.equal(agree(3, 'stays', 'stay'), 'stay');
});
