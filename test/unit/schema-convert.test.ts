import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDts, parseType } from '../../scripts/schema/dts';
import { fieldFormats } from '../../scripts/schema/ajvFormats';
import { trimDescription } from '../../scripts/schema/describe';
import { convert } from '../../scripts/schema/convert';
import { buildSchema, KUBERNETES_VERSION, sourcePackages } from '../../scripts/schema/build';
import type { CompactDefinition, CompactSchema, CompactType } from '../../server/src/engine/schema/compact';

const CONTAINER_PORT_DTS = `import { ModelData, Model } from "@kubernetes-models/base";
/**
 * ContainerPort represents a network port in a single container.
 */
export interface IContainerPort {
    /**
     * Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.
     */
    "containerPort": number;
    /**
     * Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".
     *
     * Possible enum values:
     *  - \`"SCTP"\` is the SCTP protocol.
     */
    "protocol"?: "SCTP" | "TCP" | "UDP";
}
/**
 * ContainerPort represents a network port in a single container.
 */
export declare class ContainerPort extends Model<IContainerPort> implements IContainerPort {
    "containerPort": number;
    "protocol"?: "SCTP" | "TCP" | "UDP";
    constructor(data?: ModelData<IContainerPort>);
}
export type { IContainerPort as IIoK8sApiCoreV1ContainerPort, ContainerPort as IoK8sApiCoreV1ContainerPort };
`;

test('parseDts reads members, optionality, enums and descriptions of a generated declaration', () => {
  const d = parseDts(CONTAINER_PORT_DTS);
  assert.equal(d.canonical, 'IoK8sApiCoreV1ContainerPort');
  assert.equal(d.description, 'ContainerPort represents a network port in a single container.');
  assert.deepEqual(
    d.members!.map((m) => [m.name, m.optional, m.type]),
    [
      ['containerPort', false, { kind: 'primitive', name: 'number' }],
      ['protocol', true, { kind: 'literal-union', values: ['SCTP', 'TCP', 'UDP'] }],
    ],
  );
  assert.match(d.members![1]!.description!, /^Protocol for port\./);
});

test('parseType handles arrays, maps, refs, inline objects and number-or-string', () => {
  assert.deepEqual(parseType('Array<IIoK8sApiCoreV1EnvVar>'), { kind: 'array', items: { kind: 'ref', name: 'IIoK8sApiCoreV1EnvVar' } });
  assert.deepEqual(parseType('{\n        [key: string]: IQuantity;\n    }'), { kind: 'map', values: { kind: 'ref', name: 'IQuantity' } });
  assert.deepEqual(parseType('number | string'), { kind: 'number-or-string' });
  const inline = parseType('{\n /**\n * Kind of it.\n */\n "kind"?: string;\n "spec"?: ISpec;\n }');
  assert.equal(inline.kind, 'inline');
  assert.throws(() => parseType('Promise<string>'), /unsupported type/);
});

test('parseDts refuses a declaration of an unexpected shape instead of dropping it', () => {
  assert.throws(() => parseDts('export interface IFoo {\n    bar: string;\n}\n'), /export type/);
});

test('fieldFormats tells integers (and their width), real numbers and base64 from the compiled validators', () => {
  const root = sourcePackages()[0]!.root;
  const read = (name: string) => fieldFormats(readFileSync(join(root, '_schemas', `${name}.js`), 'utf8'));
  assert.deepEqual(read('IoK8sApiCoreV1ContainerPort').get('containerPort'), { number: 'int32' });
  assert.deepEqual(read('IoK8sApiCoreV1PodSpec').get('terminationGracePeriodSeconds'), { number: 'int64' });
  const props = read('IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaProps');
  assert.deepEqual(props.get('minimum'), { number: 'number' });
  assert.deepEqual(props.get('maxLength'), { number: 'int64' });
  assert.equal(props.get('allOf'), undefined, 'a recursive field does not inherit its parent\'s number fields');
  assert.deepEqual(read('IoK8sApiCoreV1Secret').get('data'), { byte: true });
});

test('trimDescription keeps the gist, the More info link, and drops enum prose', () => {
  const t = trimDescription(
    'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n - `"Always"` means that kubelet always attempts to pull the latest image.',
  );
  assert.equal(t.text, 'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.');
  assert.equal(t.link, 'https://kubernetes.io/docs/concepts/containers/images#updating-images');
  assert.equal(trimDescription('Use e.g. Foo here. Second one.').text, 'Use e.g. Foo here. Second one.');
  assert.ok(trimDescription('x'.repeat(400)).text!.length <= 281);
});

/** A tiny package in the generator's layout, converted end to end. */
test('convert: refs across files, quantities, int-or-string, required, kinds and inline objects', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-models-'));
  const models = join(root, 'models');
  const machinery = join(root, 'machinery');
  const write = (dir: string, file: string, text: string) => {
    mkdirSync(join(dir, ...file.split('/').slice(0, -1)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const exportLine = (local: string, canonical: string) => `export type { ${local} as I${canonical}, ${local.slice(1)} as ${canonical} };\n`;
  write(machinery, 'api/resource/Quantity.d.ts', `export type IQuantity = number | string;\nexport type Quantity = IQuantity;\n${exportLine('IQuantity', 'IoK8sApimachineryPkgApiResourceQuantity')}`);
  write(machinery, 'util/intstr/IntOrString.d.ts', `export type IIntOrString = string | number;\n${exportLine('IIntOrString', 'IoK8sApimachineryPkgUtilIntstrIntOrString')}`);
  write(
    models,
    'v1/Thing.d.ts',
    `import { IIoK8sApimachineryPkgApiResourceQuantity } from "@test/machinery/api/resource/Quantity";
import { IIoK8sApimachineryPkgUtilIntstrIntOrString } from "@test/machinery/util/intstr/IntOrString";
import { IIoK8sApiCoreV1Part } from "./Part.js";
import { ModelData, TypeMeta, Model } from "@kubernetes-models/base";
/**
 * Thing is a test kind. More info: https://example.com/thing
 */
export interface IThing extends TypeMeta {
    "apiVersion": "v1";
    "kind": "Thing";
    "size": IIoK8sApimachineryPkgApiResourceQuantity;
    "port"?: IIoK8sApimachineryPkgUtilIntstrIntOrString;
    "parts"?: Array<IIoK8sApiCoreV1Part>;
    "labels"?: {
        [key: string]: string;
    };
    "self"?: IThing;
    "templates"?: Array<{
        /**
         * Kind of the template.
         */
        "kind"?: string;
    }>;
    "mode"?: "A" | "B";
}
${exportLine('IThing', 'IoK8sApiCoreV1Thing')}`,
  );
  write(models, 'v1/Part.d.ts', `export interface IPart {\n    "name": string;\n    "count"?: number;\n}\n${exportLine('IPart', 'IoK8sApiCoreV1Part')}`);
  const schema = convert(
    [
      { name: '@test/models', root: models },
      { name: '@test/machinery', root: machinery },
    ],
    '9.99',
    'test',
  );
  const thingIndex = schema.kinds['v1/Thing']!;
  const thing = schema.definitions[thingIndex]!;
  const part = schema.definitions.find((d) => d.n === 'v1.Part')!;
  const t = (f: string): CompactType => thing.p[f]!.t;
  assert.equal(thing.n, 'v1.Thing');
  assert.equal(thing.d, 'Thing is a test kind.');
  assert.equal(thing.u, 'https://example.com/thing');
  assert.deepEqual(thing.r, ['size'], 'apiVersion and kind are not required by the schema: identity handles them');
  assert.equal(t('size'), 'quantity');
  assert.equal(t('port'), 'int-or-string');
  assert.deepEqual(t('parts'), { a: schema.definitions.indexOf(part) });
  assert.deepEqual(t('labels'), { m: 'string' });
  assert.equal(t('self'), thingIndex);
  assert.deepEqual(t('mode'), { e: ['A', 'B'] });
  const inline = schema.definitions[(t('templates') as { a: number }).a]!;
  assert.deepEqual(inline.p, { kind: { t: 'string', d: 'Kind of the template.' } });
  assert.deepEqual(part.r, ['name']);
  assert.equal(part.p.count!.t, 'integer', 'a number with no compiled validator is an integer (all Kubernetes numbers but JSON Schema bounds are)');
});

function realSchema(): CompactSchema {
  const out = join(mkdtempSync(join(tmpdir(), 'kubeplan-schema-')), 'schema.json.gz');
  buildSchema(out, true);
  return JSON.parse(gunzipSync(readFileSync(out)).toString('utf8')) as CompactSchema;
}

const schema = realSchema();
const def = (name: string): CompactDefinition => {
  const d = schema.definitions.find((x) => x.n === name);
  assert.ok(d, `definition ${name}`);
  return d;
};
const fieldType = (defName: string, field: string) => def(defName).p[field]?.t;

test('the real conversion describes the release it claims, with fields added after 1.27', () => {
  assert.equal(schema.kubernetesVersion, KUBERNETES_VERSION);
  assert.match(schema.source, /^kubernetes-models@\d+\.\d+\.\d+$/);
  // 1.28 sidecars, 1.27+ in-place resize, 1.26 scheduling gates, 1.25 user namespaces, 1.30 AppArmor, 1.31 resource claims, 1.36 scheduling groups
  assert.equal(fieldType('v1.Container', 'restartPolicy'), 'string');
  assert.ok(fieldType('v1.Container', 'resizePolicy'));
  assert.ok(fieldType('v1.PodSpec', 'schedulingGates'));
  assert.equal(fieldType('v1.PodSpec', 'hostUsers'), 'boolean');
  assert.ok(fieldType('v1.PodSecurityContext', 'appArmorProfile'));
  assert.ok(fieldType('v1.ResourceRequirements', 'claims'));
  assert.ok(fieldType('v1.PodSpec', 'schedulingGroup'), 'a field of Kubernetes 1.36');
});

test('the real conversion keeps types, enums, required fields and kinds', () => {
  assert.deepEqual(fieldType('v1.ResourceRequirements', 'limits'), { m: 'quantity' });
  assert.equal(fieldType('v1.HTTPGetAction', 'port'), 'int-or-string');
  assert.equal(fieldType('v1.ContainerPort', 'containerPort'), 'int32');
  assert.deepEqual(fieldType('v1.Container', 'imagePullPolicy'), { e: ['Always', 'IfNotPresent', 'Never'] });
  assert.deepEqual(fieldType('v1.Secret', 'data'), { m: 'byte' });
  assert.equal(fieldType('v1.EnvVar', 'value'), 'string');
  assert.deepEqual(def('v1.Container').r, ['name']);
  assert.deepEqual(def('apps/v1.DeploymentSpec').r, ['selector', 'template']);
  assert.equal(schema.definitions[schema.kinds['apps/v1/Deployment']!]!.n, 'apps/v1.Deployment');
  assert.ok(schema.kinds['v1/Service'] !== undefined && schema.kinds['batch/v1/CronJob'] !== undefined);
  assert.equal(fieldType('apis/meta/v1.ObjectMeta', 'creationTimestamp'), 'date-time');
});

test('the shipped schema stays small', () => {
  const gz = readFileSync(join(__dirname, '..', '..', 'dist', 'kubernetes-schema.json.gz'));
  assert.ok(gz.length < 300 * 1024, `${gz.length} bytes`);
});
