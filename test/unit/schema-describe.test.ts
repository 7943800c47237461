import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAt } from '../../server/src/engine';

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata: { name: a, namespace: x }
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: web
      image: nginx
      imagePullPolicy: Always
      ports: [{ containerPort: 80, protocol: TCP }]
      resources: { limits: { cpu: 1 } }
`;

const at = (text: string, line: number, character: number) => {
  const d = describeAt(text, line, character);
  return d && { path: d.path.join('.'), name: d.name, owner: d.owner, type: d.type, known: d.known, line: d.range.start.line, description: d.description };
};

test('describeAt finds the field under a key or a value, in the right document of a stream', () => {
  assert.deepEqual(at(TEXT, 12, 8), { path: 'spec.containers.0.imagePullPolicy', name: 'imagePullPolicy', owner: 'Container', type: '"Always" | "IfNotPresent" | "Never"', known: true, line: 12, description: at(TEXT, 12, 25)!.description });
  assert.equal(at(TEXT, 12, 25)!.path, 'spec.containers.0.imagePullPolicy', 'on the value too');
  assert.deepEqual(at(TEXT, 13, 38), { ...at(TEXT, 13, 38)!, path: 'spec.containers.0.ports.0.protocol', owner: 'ContainerPort' });
  assert.equal(at(TEXT, 13, 20)!.type, 'int32');
  assert.equal(at(TEXT, 14, 32)!.type, 'quantity');
  assert.equal(at(TEXT, 14, 32)!.path, 'spec.containers.0.resources.limits.cpu');
  assert.equal(at(TEXT, 9, 4)!.type, 'Container[]');
  assert.deepEqual(at(TEXT, 2, 14), { ...at(TEXT, 2, 14)!, path: 'metadata.name', owner: 'ObjectMeta', type: 'string' });
  assert.equal(at(TEXT, 3, 1), undefined, 'the document marker is nothing');
});

test('describeAt says when a key is not a field, and ignores non-Kubernetes YAML', () => {
  const t = 'apiVersion: v1\nkind: Pod\nspec:\n  contianers: []\n';
  assert.deepEqual(at(t, 3, 4), { path: 'spec.contianers', name: 'contianers', owner: 'PodSpec', type: '', known: false, line: 3, description: undefined });
  assert.equal(at('name: x\nvalue: 3\n', 0, 1), undefined);
});

test('describeAt positions hold for CRLF files', () => {
  const crlf = TEXT.replace(/\n/g, '\r\n');
  assert.deepEqual(at(crlf, 12, 8), at(TEXT, 12, 8));
});
