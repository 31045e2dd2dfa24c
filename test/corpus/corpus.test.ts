/**
 * The kubernetes/website example manifests (test/fixtures/corpus, see SOURCE.md there) applied
 * through `kubelab script`: every file of a served kind must print `<kind>.<group>/<name> created`
 * for each of its 109 objects (a `kind: List` counts its items) and nothing else — no `error:` or
 * `Error from server` line. Objects the docs create on another page (namespaces, a PriorityClass)
 * are created first; files of versions KubeLab does not serve are listed with kubectl's exact error.
 * One fresh cluster per file (about 0.2 s each).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { diskFiles } from '../../src/cli/main';
import { runScript } from '../../src/cli/script';

const BASE = join(__dirname, '..', 'fixtures', 'corpus');
const files = diskFiles(BASE);

/** Every corpus file below a folder (the flat copies at the top level are other tests' duplicates). */
function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(BASE, rel)).sort()) {
      const p = rel ? `${rel}/${name}` : name;
      if (statSync(join(BASE, p)).isDirectory()) walk(p);
      else if (rel && p.endsWith('.yaml')) out.push(p);
    }
  };
  walk('');
  return out;
}

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  items?: Doc[];
}

/** What `kubectl apply` prints for a newly created object: `deployment.apps/web created`. */
function createdLine(d: Doc): string {
  const slash = d.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : d.apiVersion.slice(0, slash);
  return `${d.kind.toLowerCase()}${group ? `.${group}` : ''}/${d.metadata.name} created\n`;
}

/** The objects of a file in order, `kind: List` expanded. */
function objects(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(join(BASE, file), 'utf8')).map((d) => d.toJS() as Doc | null);
  return docs.filter((d): d is Doc => d !== null).flatMap((d) => (d.kind === 'List' ? (d.items ?? []) : [d]));
}

/** A script command run before the file's apply, and what it prints. */
type Step = [command: string, output: string];

const ns = (name: string): Step => [`kubectl create namespace ${name}`, `namespace/${name} created\n`];

/**
 * Objects the docs create separately before applying the file. The docs' cluster (kind, like
 * KubeLab's) has a default StorageClass `standard`; storageclass-topology.yaml defines another class
 * of that name, which a real cluster rejects as an update (see the test further down), so the
 * built-in one is deleted first.
 */
const SETUP: Record<string, Step[]> = {
  'access/delegated-certificate-signing-request/serviceaccount.yaml': [
    [
      'kubectl apply -f access/delegated-certificate-signing-request/namespace.yaml',
      'namespace/csr-signer-installer created\n',
    ],
  ],
  'admin/resource/memory-defaults.yaml': [ns('default-mem-example')],
  'pods/qos/qos-pod-4.yaml': [ns('qos-example')],
  'pods/resource/cpu-request-limit.yaml': [ns('cpu-example')],
  'pods/resource/memory-request-limit-3.yaml': [ns('mem-example')],
  'pods/resource/pod-level-resources.yaml': [ns('pod-resources-example')],
  'policy/high-priority-pod.yaml': [
    ['kubectl create priorityclass high --value=1000000', 'priorityclass.scheduling.k8s.io/high created\n'],
  ],
  'storage/storageclass/storageclass-topology.yaml': [
    ['kubectl delete storageclass standard', 'storageclass.storage.k8s.io "standard" deleted\n'],
  ],
};

const notServed = (name: string, file: string, kind: string, version: string) =>
  `error: resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "${kind}" in version "${version}"\n` +
  'ensure CRDs are installed first\n';

/**
 * Files whose documents are of a group/version KubeLab does not serve, with kubectl's exact error.
 * batch/v1beta1 CronJob was removed in v1.25, so a real v1.34 cluster prints the same.
 */
const NOT_SERVED: Record<string, string> = {
  'application/job/cronjob.yaml': notServed(
    'hello',
    'application/job/cronjob.yaml',
    'CronJob',
    'batch/v1beta1',
  ),
};

/**
 * Files where KubeLab applies without error but prints something else than a real v1.34 cluster,
 * because of a difference outside this test's reach; value: what the real cluster prints.
 */
const REAL_DIFFERS: Record<string, { why: string; real: string }> = {
  // kube-apiserver's bootstrap policy creates the ClusterRole system:kube-scheduler; KubeLab's doesn't.
  'admin/sched/clusterrole.yaml': {
    why: 'no bootstrap RBAC policy roles in KubeLab',
    real:
      'Warning: resource clusterroles/system:kube-scheduler is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n' +
      'clusterrole.rbac.authorization.k8s.io/system:kube-scheduler configured\n',
  },
};

async function run(steps: Step[], file: string): Promise<string> {
  const script = [...steps.map(([c]) => c), `kubectl apply -f ${file}`].join('\n') + '\n';
  return runScript(script, { nodes: 2, seed: 1, files });
}

function expectedSetup(steps: Step[]): string {
  return steps.map(([c, o]) => `$ ${c}\n${o}`).join('');
}

const ALL = corpusFiles();

describe('kubernetes/website examples apply through kubelab script', () => {
  it('the corpus holds the 90 files SOURCE.md lists, 109 objects', () => {
    expect(ALL.length).toBe(90);
    const listed = [...readFileSync(join(BASE, 'SOURCE.md'), 'utf8').matchAll(/^\| `([^`]+\.yaml)` \|/gm)]
      .map((m) => m[1])
      .sort();
    expect(listed).toEqual([...ALL].sort());
    expect(ALL.reduce((n, f) => n + objects(f).length, 0)).toBe(109);
  });

  const served = ALL.filter((f) => !(f in NOT_SERVED));
  it.each(served)('%s: every object created, no error', async (file) => {
    const steps = SETUP[file] ?? [];
    const out = await run(steps, file);
    expect(out).not.toMatch(/^(error|Error from server)/m);
    if (file in REAL_DIFFERS) {
      // no error; created here, configured in a real cluster (checked below)
      const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const lines = objects(file).map((d) => esc(createdLine(d).replace(/ created\n$/, '')));
      expect(out).toMatch(
        new RegExp(
          `^\\$ kubectl apply -f ${esc(file)}\n(Warning: .*\n)?${lines.join(' (created|configured)\n')} (created|configured)\n$`,
        ),
      );
      return;
    }
    const applied = `$ kubectl apply -f ${file}\n` + objects(file).map(createdLine).join('');
    expect(out).toBe(expectedSetup(steps) + applied);
  });

  it.each(Object.entries(NOT_SERVED))('%s: kind/version not served', async (file, error) => {
    expect(await run([], file)).toBe(`$ kubectl apply -f ${file}\n${error}`);
  });

  for (const [file, { why, real }] of Object.entries(REAL_DIFFERS)) {
    it.fails(`${file}: prints what a real cluster prints (known difference: ${why})`, async () => {
      expect(await run([], file)).toBe(`$ kubectl apply -f ${file}\n${real}`);
    });
  }
});

describe("storageclass-topology.yaml over kind's built-in default class", () => {
  const file = 'storage/storageclass/storageclass-topology.yaml';
  const causes =
    '* parameters: Forbidden: updates to parameters are forbidden.\n* provisioner: Forbidden: updates to provisioner are forbidden.\n';

  it('is rejected: provisioner and parameters of a StorageClass are immutable', async () => {
    const out = await run([['kubectl get storageclass standard -o jsonpath={.provisioner}', '']], file);
    expect(out).toContain('rancher.io/local-path');
    expect(out.endsWith(` "standard" is invalid: \n${causes}`)).toBe(true);
  });

  // Like real kubectl: a warning about the missing last-applied annotation, and the Kind without its group.
  it('prints what a real cluster prints', async () => {
    expect(await run([], file)).toBe(
      `$ kubectl apply -f ${file}\n` +
        'Warning: resource storageclasses/standard is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n' +
        `The StorageClass "standard" is invalid: \n${causes}`,
    );
  });
});
