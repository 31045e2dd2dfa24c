import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../../runtime/local-cluster';
import type { RemoteApi } from '../../runtime/remote';
import { runKubectl } from '../kubectl';
import { kubectl, memoryFiles } from '../testing';
import { HELP } from './help-texts';

let c: LocalCluster;
let api: RemoteApi;

const FILES: Record<string, string> = {
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n',
  'cm2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "2"\n',
  'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: x: y\n',
  'flow.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n',
  'nokind.yaml': 'apiVersion: v1\nmetadata:\n  name: a\n',
  'dir/a.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: da\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n',
  'dir/notes.txt': 'ignored',
  'dir/sub/c.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dc\n',
  'f1.txt': 'hello\n',
  'e.env': 'A=1\nB=two\n# c\n',
};

async function run(line: string | string[], stdin?: string) {
  if (stdin === undefined) return kubectl(api, c.clock, line, { files: FILES });
  let stdout = '';
  let stderr = '';
  const code = await runKubectl(
    typeof line === 'string' ? line.split(' ') : line,
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), files: memoryFiles(FILES), stdin },
    { api, clock: c.clock },
  );
  return { stdout, stderr, code };
}

const post = (path: string, body: unknown) => api.request({ method: 'POST', path, body });

beforeAll(async () => {
  c = await LocalCluster.start();
  api = c.connect('kubectl');
  await post('/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
  });
});
afterAll(async () => {
  await c.stop();
});

const D = '--dry-run=client -o yaml';

// Expected outputs below were checked against kubectl v1.33 pointed at this apiserver over HTTP
// (except `delete`, which prints kubectl v1.34's `deleted from <ns> namespace` form).
const cases: Array<{ line: string; stdout?: string; stderr?: string; code?: number; stdin?: string }> = [
  // apply
  { line: 'apply -f cm.yaml', stdout: 'configmap/cm created\n' },
  { line: 'apply -f cm.yaml', stdout: 'configmap/cm unchanged\n' },
  { line: 'apply -f cm.yaml -o name', stdout: 'configmap/cm\n' },
  { line: 'apply -f cm2.yaml --dry-run=client', stdout: 'configmap/cm configured (dry run)\n' },
  { line: 'apply -f cm2.yaml --dry-run=server', stdout: 'configmap/cm configured (server dry run)\n' },
  { line: 'apply -f cm2.yaml', stdout: 'configmap/cm configured\n' },
  {
    line: 'get cm cm -o jsonpath={.metadata.annotations}',
    stdout:
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"2\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"cm\\",\\"namespace\\":\\"default\\"}}\\n"}',
  },
  { line: 'apply -f -', stdin: FILES['cm2.yaml'], stdout: 'configmap/cm unchanged\n' },
  { line: 'apply -f dir', stdout: 'configmap/da created\nconfigmap/db created\n' },
  {
    line: 'apply -f dir -R',
    stdout: 'configmap/da unchanged\nconfigmap/db unchanged\nconfigmap/dc created\n',
  },
  {
    line: 'apply -f bad.yaml',
    code: 1,
    stderr:
      'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
  },
  {
    line: 'apply -f flow.yaml',
    code: 1,
    stderr:
      "error: error parsing flow.yaml: error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'\n",
  },
  {
    line: 'apply -f nokind.yaml',
    code: 1,
    stderr:
      'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
  },
  { line: 'apply -f missing.yaml', code: 1, stderr: 'error: the path "missing.yaml" does not exist\n' },
  { line: 'apply', code: 1, stderr: 'error: must specify one of -f and -k\n' },
  {
    line: 'apply -f cm.yaml --dry-run=foo',
    code: 1,
    stderr: 'error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n',
  },
  // create
  {
    line: 'create -f cm.yaml',
    code: 1,
    stderr:
      'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "cm" already exists\n',
  },
  {
    line: `create deployment web --image=nginx --replicas=3 --port=80 ${D}`,
    stdout:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\nstatus: {}\n',
  },
  {
    line: `create service nodeport web --tcp=80:8080 --node-port=30080 ${D}`,
    stdout:
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
  },
  {
    line: `create configmap cfg --from-literal=a=1 --from-file=f1.txt ${D}`,
    stdout:
      'apiVersion: v1\ndata:\n  a: "1"\n  f1.txt: |\n    hello\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n',
  },
  {
    line: `create cm cfg --from-env-file=e.env ${D}`,
    stdout:
      'apiVersion: v1\ndata:\n  A: "1"\n  B: two\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n',
  },
  {
    line: `create secret generic s --from-literal=user=admin --from-file=k=f1.txt ${D}`,
    stdout:
      'apiVersion: v1\ndata:\n  k: aGVsbG8K\n  user: YWRtaW4=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n',
  },
  {
    line: `create job j --image=busybox ${D} -- echo hi`,
    stdout:
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: j\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: j\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n',
  },
  {
    line: `create role r --verb=get,list --resource=pods,deployments.apps ${D}`,
    stdout:
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: r\nrules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  verbs:\n  - get\n  - list\n- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs:\n  - get\n  - list\n',
  },
  {
    line: `create quota q --hard=cpu=1,memory=1G,pods=2 ${D}`,
    stdout:
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    cpu: "1"\n    memory: 1G\n    pods: "2"\nstatus: {}\n',
  },
  { line: 'create deployment', code: 1, stderr: 'error: required flag(s) "image" not set\n' },
  {
    line: 'create namespace',
    code: 1,
    stderr:
      "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
  },
  {
    line: 'create configmap cfg --from-literal=a',
    code: 1,
    stderr: 'error: invalid literal source a, expected key=value\n',
  },
  {
    line: 'create service clusterip web',
    code: 1,
    stderr: 'error: at least one tcp port specifier must be provided\n',
  },
  { line: 'create job j', code: 1, stderr: 'error: either --image or --from must be specified\n' },
  {
    line: 'create rolebinding rb',
    code: 1,
    stderr: 'error: exactly one of clusterrole or role must be specified\n',
  },
  { line: 'create deployment web --image=nginx', stdout: 'deployment.apps/web created\n' },
  {
    line: 'create deployment web --image=nginx',
    code: 1,
    stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
  },
  { line: 'create ns dev --dry-run=server', stdout: 'namespace/dev created (server dry run)\n' },
  // run / expose
  {
    line: `run web --image=nginx --port=80 --env=A=1 --labels=app=web,tier=fe --restart=Never ${D} --command -- sleep 1`,
    stdout:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n    tier: fe\n  name: web\nspec:\n  containers:\n  - command:\n    - sleep\n    - "1"\n    env:\n    - name: A\n      value: "1"\n    image: nginx\n    name: web\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n',
  },
  { line: 'run', code: 1, stderr: 'error: required flag(s) "image" not set\n' },
  {
    line: 'run x --image=nginx --rm',
    code: 1,
    stderr:
      "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n",
  },
  {
    line: 'run x --image=nginx --restart=Foo',
    code: 1,
    stderr: "error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n",
  },
  { line: 'run p1 --image=nginx --port=80', stdout: 'pod/p1 created\n' },
  {
    line: `expose pod p1 --port=8080 --target-port=80 --type=NodePort --name=w ${D}`,
    stdout:
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: p1\n  name: w\nspec:\n  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: p1\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
  },
  {
    line: 'expose deployment web',
    code: 1,
    stderr: "error: couldn't find port via --port flag or introspection\n",
  },
  { line: 'expose cm cm', code: 1, stderr: 'error: cannot expose a ConfigMap\n' },
  { line: 'expose pod p1', stdout: 'service/p1 exposed\n' },
  // label / annotate
  {
    line: 'label pod p1 run=x',
    code: 1,
    stderr: "error: 'run' already has a value (p1), and --overwrite is false\n",
  },
  { line: 'label pod p1 run=p1', stdout: 'pod/p1 not labeled\n' },
  { line: 'label pod p1 tier=fe', stdout: 'pod/p1 labeled\n' },
  { line: 'label pod p1 tier-', stdout: 'pod/p1 unlabeled\n' },
  { line: 'label pod p1 tier-', stdout: 'label "tier" not found.\npod/p1 not labeled\n' },
  { line: 'label pod p1 x=1 --dry-run=client', stdout: 'pod/p1 labeled (dry run)\n' },
  {
    line: 'label pod p1',
    code: 1,
    stderr: "error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n",
  },
  { line: 'annotate pod p1 note=hi', stdout: 'pod/p1 annotated\n' },
  {
    line: 'annotate pod p1 note=ho',
    code: 1,
    stderr:
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
  },
  { line: 'annotate pod p1 note=ho --overwrite', stdout: 'pod/p1 annotated\n' },
  { line: 'label pod nope a=b', code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  // nodes
  { line: 'cordon n1', stdout: 'node/n1 cordoned\n' },
  { line: 'cordon n1', stdout: 'node/n1 already cordoned\n' },
  { line: 'uncordon n1', stdout: 'node/n1 uncordoned\n' },
  { line: 'cordon nope', code: 1, stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
  { line: 'taint node n1 k=v:NoSchedule', stdout: 'node/n1 tainted\n' },
  {
    line: 'taint node n1 k=w:NoSchedule',
    code: 1,
    stderr: 'error: node n1 already has k taint(s) with same effect(s) and --overwrite is false\n',
  },
  { line: 'taint node n1 k=w:NoSchedule --overwrite', stdout: 'node/n1 modified\n' },
  { line: 'taint node n1 k-', stdout: 'node/n1 untainted\n' },
  { line: 'taint node n1 k-', code: 1, stderr: 'error: taint "k" not found\n' },
  {
    line: 'taint node n1 x=y:Bad',
    code: 1,
    stderr:
      "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
  },
  { line: 'taint node n1', code: 1, stderr: 'error: at least one taint update is required\n' },
  // scale
  { line: 'scale deployment web --replicas=3', stdout: 'deployment.apps/web scaled\n' },
  {
    line: 'scale deployment web --replicas=2 --current-replicas=9',
    code: 1,
    stderr: 'error: Expected replicas to be 9, was 3\n',
  },
  { line: 'scale deployment web', code: 1, stderr: 'error: required flag(s) "replicas" not set\n' },
  {
    line: 'scale deployment nope --replicas=2',
    code: 1,
    stderr: 'error: no objects passed to scale deployments.apps "nope" not found\n',
  },
  {
    line: 'scale deployment nope nope2 --replicas=2',
    code: 1,
    stderr:
      'error: no objects passed to scale [deployments.apps "nope" not found, deployments.apps "nope2" not found]\n',
  },
  {
    line: 'scale deployment web nope --replicas=3',
    code: 1,
    stdout: 'deployment.apps/web scaled\n',
    stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
  },
  // rollout / set / autoscale
  {
    line: 'rollout status deployment/web --watch=false',
    stdout: 'Waiting for deployment spec update to be observed...\n',
  },
  { line: 'rollout history deploy/web', stdout: 'deployment.apps/web \nNo rollout history found.\n' },
  {
    line: 'rollout undo deploy/web',
    code: 1,
    stderr: 'error: no rollout history found for deployment "web"\n',
  },
  { line: 'rollout pause deploy/web', stdout: 'deployment.apps/web paused\n' },
  { line: 'rollout pause deploy/web', code: 1, stderr: 'error: deployments.apps "web" is already paused\n' },
  { line: 'rollout resume deploy/web', stdout: 'deployment.apps/web resumed\n' },
  { line: 'rollout status', code: 1, stderr: 'error: required resource not specified\n' },
  { line: 'set image deploy/web nginx=nginx:1.27', stdout: 'deployment.apps/web image updated\n' },
  // Nothing to change: nothing printed, even for a dry run.
  { line: 'set image deploy/web nginx=nginx:1.27', stdout: '' },
  { line: 'set image deploy/web nginx=nginx:1.27 --dry-run=client -o name', stdout: '' },
  {
    line: 'set image deploy/web foo=nginx:1.27',
    code: 1,
    stderr: 'error: unable to find container named "foo"\n',
  },
  { line: 'set env deploy/web A=1', stdout: 'deployment.apps/web env updated\n' },
  { line: 'set env deploy/web A=1', stdout: '' },
  { line: 'set env deploy/web --list', stdout: '# Deployment web, container nginx\nA=1\n' },
  {
    line: 'set resources deploy/web --limits=cpu=200m',
    stdout: 'deployment.apps/web resource requirements updated\n',
  },
  {
    line: `autoscale deployment web --min=2 --max=5 --cpu-percent=80 ${D}`,
    stdout:
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  maxReplicas: 5\n  metrics:\n  - resource:\n      name: cpu\n      target:\n        averageUtilization: 80\n        type: Utilization\n    type: Resource\n  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\nstatus:\n  currentMetrics: null\n  desiredReplicas: 0\n',
  },
  // delete
  {
    line: 'delete',
    code: 1,
    stderr:
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
  },
  { line: 'delete pod', code: 1, stderr: 'error: resource(s) were provided, but no name was specified\n' },
  {
    line: 'delete pod x -l a=b',
    code: 1,
    stderr: 'error: name cannot be provided when a selector is specified\n',
  },
  {
    line: 'delete pod x --force --grace-period=3',
    code: 1,
    stderr: 'error: --force and --grace-period greater than 0 cannot be specified together\n',
  },
  {
    line: 'delete pod x --cascade=foo',
    code: 1,
    stderr: 'error: invalid cascade value (foo). Must be "background", "foreground", or "orphan"\n',
  },
  {
    line: 'delete pod x --force',
    code: 1,
    stderr:
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\nError from server (NotFound): pods "x" not found\n',
  },
  { line: 'delete pod x --ignore-not-found' },
  {
    line: 'delete cm cm --dry-run=client',
    stdout: 'configmap "cm" deleted from default namespace (dry run)\n',
  },
  {
    line: 'delete cm da db',
    stdout: 'configmap "da" deleted from default namespace\nconfigmap "db" deleted from default namespace\n',
  },
  { line: 'delete -f cm.yaml', stdout: 'configmap "cm" deleted from default namespace\n' },
  {
    line: 'delete ns dev --now -o name',
    code: 1,
    stderr: 'Error from server (NotFound): namespaces "dev" not found\n',
  },
  { line: 'delete pods -l app=nothing', stdout: 'No resources found\n' },
  // misc
  { line: 'auth can-i create pods', stdout: 'yes\n' },
  { line: 'config current-context', stdout: 'kubelab\n' },
  {
    line: 'config get-contexts',
    stdout:
      'CURRENT   NAME      CLUSTER   AUTHINFO        NAMESPACE\n*         kubelab   kubelab   kubelab-admin   \n',
  },
  { line: 'events', stderr: 'No events found in default namespace.\n' },
  {
    line: 'logs',
    code: 1,
    stderr:
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
  },
  {
    line: 'logs nope',
    code: 1,
    stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
  },
  { line: 'logs p1 -c foo', code: 1, stderr: 'error: container foo is not valid for pod p1\n' },
  { line: 'logs -l app=none', stderr: 'No resources found in default namespace.\n' },
  { line: 'exec p1', code: 1, stderr: 'error: you must specify at least one command for the container\n' },
  { line: 'exec nope -- ls', code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  { line: 'wait pod/p1', code: 1, stderr: 'error: unrecognized condition: ""\n' },
  {
    line: 'edit pod p1',
    code: 1,
    stderr:
      'error: unable to launch the editor "vi": no editor is available in this terminal (KubeLab edits in the browser editor)\n',
  },
];

describe('kubectl mutating commands against a live apiserver', () => {
  for (const { line, stdout, stderr, code, stdin } of cases) {
    it(line, async () => {
      const r = await run(line, stdin);
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({
        stdout: stdout ?? '',
        stderr: stderr ?? '',
        code: code ?? 0,
      });
    });
  }
});

describe('help texts', () => {
  for (const path of Object.keys(HELP)) {
    it(`kubectl ${path} --help`, async () => {
      const want = readFileSync(
        new URL(`../testdata/help/${path.replace(/ /g, '-')}.txt`, import.meta.url),
        'utf8',
      );
      const r = await run([...path.split(' '), '--help']);
      expect(r.stdout).toBe(want);
    });
  }
});
