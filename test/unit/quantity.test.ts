import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, compareQuantities, cpuMillis, formatBytes, parseQuantity } from '../../server/src/engine/kube/quantity';

test('CPU quantities in millicores, exact and rounded up like MilliValue', () => {
  assert.equal(cpuMillis('100m'), 100);
  assert.equal(cpuMillis('0.1'), 100);
  assert.equal(cpuMillis(0.1), 100);
  assert.equal(cpuMillis('1'), 1000);
  assert.equal(cpuMillis(2), 2000);
  assert.equal(cpuMillis('1.5'), 1500);
  assert.equal(cpuMillis('0.0001'), 1, 'a tenth of a millicore rounds up to 1m');
  assert.equal(cpuMillis('1e3'), 1_000_000);
  assert.equal(cpuMillis('250000u'), 250);
});

test('memory quantities in bytes: binary and decimal suffixes', () => {
  assert.equal(bytes('128Mi'), 128 * 2 ** 20);
  assert.equal(bytes('1Gi'), 2 ** 30);
  assert.equal(bytes('1G'), 1e9);
  assert.equal(bytes('1.5Gi'), 1.5 * 2 ** 30);
  assert.equal(bytes('500k'), 500_000);
  assert.equal(bytes('129e6'), 129_000_000);
  assert.equal(bytes(1024), 1024);
});

test('invalid quantities are rejected', () => {
  for (const bad of ['500mi', '1.5.0', 'abc', '', '1 Gi', 'Gi', '1GiB', '--1', '1e', '0x10', null, {}, true]) {
    assert.equal(parseQuantity(bad), undefined, JSON.stringify(bad));
  }
});

test('comparison is exact across suffixes', () => {
  assert.equal(compareQuantities(parseQuantity('1Gi')!, parseQuantity('1024Mi')!), 0);
  assert.equal(compareQuantities(parseQuantity('1G')!, parseQuantity('1Gi')!), -1);
  assert.equal(compareQuantities(parseQuantity('500m')!, parseQuantity('0.5')!), 0);
});

test('formats bytes compactly', () => {
  assert.equal(formatBytes(16 * 2 ** 30), '16Gi');
  assert.equal(formatBytes(200 * 2 ** 20), '200Mi');
});
