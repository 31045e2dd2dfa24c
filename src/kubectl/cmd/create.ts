/**
 * `kubectl create -f` and the `create <kind>` generators (kubectl pkg/cmd/create): each generator
 * builds the object exactly as kubectl's client-side generator does (the `--dry-run=client -o yaml`
 * output matches kubectl's, `creationTimestamp: null` and `status: {}` included), then POSTs it
 * (server dry run with `dryRun=All`) and prints `deployment.apps/web created`.
 * Generators: deployment, namespace, service clusterip|nodeport|loadbalancer|externalname,
 * configmap, secret generic|docker-registry|tls, job (`--image`, `--from=cronjob/x`), cronjob,
 * serviceaccount, role, rolebinding, clusterrole, clusterrolebinding, priorityclass, quota,
 * poddisruptionbudget.
 * Leaves out: `create ingress` and `create token` (not supported messages), `--edit`, `--raw`,
 * `--from-file` of directories, TLS key-pair validation, `-o json` in Go struct field order (printed
 * with sorted keys like every other object), `--aggregation-rule`.
 */
import type { KubeObject } from '../../api/types';
import { CmdError, UsageError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { infoFor } from '../framework/manifests';
import {
  addSourceToErr,
  dryRunOf,
  dryRunQuery,
  flushCollected,
  printOperation,
  reportErrors,
  withType,
  type DryRun,
} from '../framework/mutate';
import { errorText } from '../framework/resources';
import { readAll, withLastApplied } from './apply';
import { helpFor } from './help-texts';

type Obj = Record<string, unknown>;

/** Removes `creationTimestamp: null` (and other nulls) before an object is sent to the server. */
export function stripNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripNulls) as T;
  if (v && typeof v === 'object') {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v as Obj)) if (x !== null) out[k] = stripNulls(x);
    return out as T;
  }
  return v;
}

/** Sends a generated object (or prints it for a client dry run) and reports it. */
export async function createObject(
  inv: Invocation,
  obj: KubeObject,
  dry: DryRun,
  source?: string,
  wrap?: string,
  opts: { verb?: string; fieldManager?: string } = {},
): Promise<void> {
  const r = await inv.client.forKind(obj.apiVersion ?? '', obj.kind ?? '');
  if (!r) throw new CmdError(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  let o = obj;
  if (inv.flags.defs.some((d) => d.name === 'save-config') && inv.flags.bool('save-config'))
    o = withLastApplied(stripNulls(o), undefined);
  const ns = r.namespaced ? (obj.metadata.namespace ?? inv.namespace) : undefined;
  let result = o;
  if (dry !== 'client') {
    try {
      result = await inv.client.request<KubeObject>({
        method: 'POST',
        path: resourcePath(r, ns),
        body: stripNulls(o),
        query: {
          fieldManager: opts.fieldManager ?? 'kubectl-create',
          fieldValidation: 'Strict',
          ...dryRunQuery(dry),
        },
      });
    } catch (e) {
      if (wrap) throw new CmdError(`${wrap}${(e as Error).message}`);
      throw addSourceToErr('creating', source, e);
    }
  }
  await printOperation(inv, withType(result, r), opts.verb ?? 'created', dry);
}

function oneName(inv: Invocation): string {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (n !== 1) throw new UsageError(`exactly one NAME is required, got ${n}`);
  return inv.args[0];
}

function requireFlags(inv: Invocation, names: string[]): void {
  const missing = names.filter((n) => !inv.flags.changed(n));
  if (missing.length)
    throw new CmdError(`required flag(s) ${missing.map((n) => JSON.stringify(n)).join(', ')} not set`);
}

const meta = (name: string, extra: Obj = {}): Obj => ({ creationTimestamp: null, ...extra, name });

function generator(
  path: string,
  build: (inv: Invocation, name: string) => Promise<Obj> | Obj,
  required: string[] = [],
  wrap?: (inv: Invocation, name: string) => string,
): Command {
  return {
    ...helpFor(path),
    async run(inv) {
      requireFlags(inv, required);
      const name = oneName(inv);
      const dry = dryRunOf(inv);
      const obj = (await build(inv, name)) as unknown as KubeObject;
      await createObject(inv, obj, dry, undefined, wrap?.(inv, name));
    },
  };
}

/** A container named after its image (`nginx:1.27` → `nginx`, `registry/x/busybox` → `busybox`). */
export function containerNameFromImage(image: string): string {
  const base = image.split('/').pop() ?? image;
  return base.split(/[:@]/)[0].replace(/[^a-z0-9-]/g, '-');
}

function deployment(inv: Invocation, name: string): Obj {
  const images = inv.flags.strings('image');
  const labels = { app: name };
  const port = inv.flags.int('port');
  const containers = images.map((image) => {
    const c: Obj = { image, name: containerNameFromImage(image) };
    if (port >= 0 && images.length === 1 && inv.flags.changed('port')) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  const cmd = inv.args.slice(1);
  if (cmd.length && containers.length) containers[0].command = cmd;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, { labels }),
    spec: {
      replicas: inv.flags.int('replicas'),
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
    },
    status: {},
  };
}

function parsePortSpec(spec: string): { port: number; targetPort: number | string; name: string } {
  const [a, b] = spec.split(':');
  const port = Number(a);
  if (!Number.isInteger(port))
    throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(a)}: invalid syntax`);
  const target = b === undefined ? port : /^\d+$/.test(b) ? Number(b) : b;
  return { port, targetPort: target, name: b === undefined ? a : `${a}-${b}` };
}

function serviceGen(type: string) {
  return (inv: Invocation, name: string): Obj => {
    const labels = { app: name };
    const spec: Obj = {};
    if (type === 'ExternalName') {
      spec.externalName = inv.flags.string('external-name');
    } else {
      const tcp = inv.flags.strings('tcp');
      const clusterIP = type === 'ClusterIP' ? inv.flags.string('clusterip') : '';
      if (!tcp.length && clusterIP !== 'None')
        throw new CmdError('at least one tcp port specifier must be provided');
      if (clusterIP) spec.clusterIP = clusterIP;
      if (tcp.length)
        spec.ports = tcp.map((t) => {
          const p = parsePortSpec(t);
          const port: Obj = { name: p.name, port: p.port, protocol: 'TCP', targetPort: p.targetPort };
          if (type === 'NodePort' && inv.flags.int('node-port')) port.nodePort = inv.flags.int('node-port');
          return port;
        });
    }
    spec.selector = labels;
    spec.type = type;
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name, { labels }),
      spec: sortSpec(spec),
      status: { loadBalancer: {} },
    };
  };
}

function sortSpec(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function fileSources(inv: Invocation, specs: string[]): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const s of specs) {
    const eq = s.indexOf('=');
    const key = eq >= 0 ? s.slice(0, eq) : (s.split('/').pop() ?? s);
    const path = eq >= 0 ? s.slice(eq + 1) : s;
    let text: string;
    try {
      text = await inv.io.files.read(path);
    } catch {
      throw new CmdError(`error reading ${path}: no such file or directory`);
    }
    out.push([key, text]);
  }
  return out;
}

function literalSources(specs: string[]): Array<[string, string]> {
  return specs.map((s) => {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new CmdError(`invalid literal source ${s}, expected key=value`);
    let v = s.slice(eq + 1);
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))))
      v = v.slice(1, -1);
    return [s.slice(0, eq), v];
  });
}

async function envFileSources(inv: Invocation, paths: string[]): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const p of paths) {
    let text: string;
    try {
      text = await inv.io.files.read(p);
    } catch {
      throw new CmdError(`open ${p}: no such file or directory`);
    }
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq < 0) out.push([line, '']);
      else out.push([line.slice(0, eq), line.slice(eq + 1)]);
    }
  }
  return out;
}

async function keyValues(inv: Invocation): Promise<Array<[string, string]>> {
  const envFiles = inv.flags.strings('from-env-file');
  const files = inv.flags.strings('from-file');
  const lits = inv.flags.strings('from-literal');
  if (envFiles.length && (files.length || lits.length))
    throw new CmdError('from-env-file cannot be combined with from-file or from-literal');
  const kv = [
    ...literalSources(lits),
    ...(await fileSources(inv, files)),
    ...(await envFileSources(inv, envFiles)),
  ];
  const seen = new Set<string>();
  for (const [k] of kv) {
    if (seen.has(k))
      throw new CmdError(
        `cannot add key ${k}, another key by that name already exists in Data for ConfigMap "${inv.args[0]}"`,
      );
    seen.add(k);
  }
  return kv;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function configmap(inv: Invocation, name: string): Promise<Obj> {
  const kv = await keyValues(inv);
  const o: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name) };
  if (kv.length) o.data = Object.fromEntries(kv);
  return o;
}

async function secretGeneric(inv: Invocation, name: string): Promise<Obj> {
  const kv = await keyValues(inv);
  const o: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: meta(name) };
  if (kv.length) o.data = Object.fromEntries(kv.map(([k, v]) => [k, b64(v)]));
  if (inv.flags.string('type')) o.type = inv.flags.string('type');
  return o;
}

function secretDocker(inv: Invocation, name: string): Obj {
  const server = inv.flags.string('docker-server') || 'https://index.docker.io/v1/';
  const user = inv.flags.string('docker-username');
  const pass = inv.flags.string('docker-password');
  const email = inv.flags.string('docker-email');
  const entry: Obj = { username: user, password: pass };
  if (email) entry.email = email;
  entry.auth = b64(`${user}:${pass}`);
  const cfg = JSON.stringify({ auths: { [server]: entry } });
  return {
    apiVersion: 'v1',
    data: { '.dockerconfigjson': b64(cfg) },
    kind: 'Secret',
    metadata: meta(name),
    type: 'kubernetes.io/dockerconfigjson',
  };
}

async function secretTls(inv: Invocation, name: string): Promise<Obj> {
  const read = async (p: string) => {
    try {
      return await inv.io.files.read(p);
    } catch {
      throw new CmdError(`open ${p}: no such file or directory`);
    }
  };
  const cert = await read(inv.flags.string('cert'));
  const key = await read(inv.flags.string('key'));
  return {
    apiVersion: 'v1',
    data: { 'tls.crt': b64(cert), 'tls.key': b64(key) },
    kind: 'Secret',
    metadata: meta(name),
    type: 'kubernetes.io/tls',
  };
}

async function job(inv: Invocation, name: string): Promise<Obj> {
  const image = inv.flags.string('image');
  const from = inv.flags.string('from');
  if (!image && !from) throw new CmdError('either --image or --from must be specified');
  if (image && from) throw new CmdError('either --image or --from must be specified');
  if (from) {
    const [type, src] = from.split('/');
    if (!src) throw new CmdError(`from must be of the form <resource>/<name>`);
    const r = await inv.client.resolveType(type);
    if (r.kind !== 'CronJob') throw new CmdError(`unknown object type ${r.kind}`);
    const cj = await inv.client.get<KubeObject & { spec: { jobTemplate: { metadata?: Obj; spec: Obj } } }>(
      resourcePath(r, inv.namespace, src),
    );
    const tmplMeta = (cj.spec.jobTemplate.metadata ?? {}) as { labels?: Obj; annotations?: Obj };
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmplMeta.annotations ?? {}) },
        creationTimestamp: null,
        ...(tmplMeta.labels ? { labels: tmplMeta.labels } : {}),
        name,
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            blockOwnerDeletion: true,
            controller: true,
            kind: 'CronJob',
            name: cj.metadata.name,
            uid: cj.metadata.uid,
          },
        ],
      },
      spec: cj.spec.jobTemplate.spec,
      status: {},
    };
  }
  const c: Obj = {};
  const cmd = inv.args.slice(1);
  if (cmd.length) c.command = cmd;
  c.image = image;
  c.name = name;
  c.resources = {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(name),
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [c], restartPolicy: inv.flags.string('restart') || 'Never' },
      },
    },
    status: {},
  };
}

function cronjob(inv: Invocation, name: string): Obj {
  const c: Obj = {};
  const cmd = inv.args.slice(1);
  if (cmd.length) c.command = cmd;
  c.image = inv.flags.string('image');
  c.name = name;
  c.resources = {};
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(name),
    spec: {
      jobTemplate: {
        metadata: { creationTimestamp: null, name },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [c], restartPolicy: inv.flags.string('restart') || 'OnFailure' },
          },
        },
      },
      schedule: inv.flags.string('schedule'),
    },
    status: {},
  };
}

async function rules(inv: Invocation): Promise<Obj[]> {
  const verbs = inv.flags.strings('verb');
  const resources = inv.flags.strings('resource');
  if (!verbs.length) throw new CmdError('at least one verb must be specified');
  if (!resources.length && !inv.flags.strings('non-resource-url').length)
    throw new CmdError('at least one resource must be specified');
  const byGroup = new Map<string, string[]>();
  for (const res of resources) {
    const [plural, ...g] = res.split('.');
    let group = g.join('.');
    if (!group) {
      const r = await inv.client.tryResolveType(plural);
      group = r?.group ?? '';
    }
    const list = byGroup.get(group) ?? [];
    const r = await inv.client.tryResolveType(group ? `${plural}.${group}` : plural);
    list.push(r?.name ?? plural);
    byGroup.set(group, list);
  }
  const out: Obj[] = [...byGroup].map(([group, res]) => {
    const rule: Obj = { apiGroups: [group], resources: res, verbs };
    const names = inv.flags.strings('resource-name');
    if (names.length) rule.resourceNames = names;
    return rule;
  });
  const urls = inv.flags.strings('non-resource-url');
  if (urls.length) out.push({ nonResourceURLs: urls, verbs });
  return out;
}

function subjects(inv: Invocation): Obj[] {
  const out: Obj[] = [];
  for (const u of inv.flags.strings('user'))
    out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u });
  for (const g of inv.flags.strings('group'))
    out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g });
  for (const sa of inv.flags.strings('serviceaccount')) {
    const [ns, n] = sa.split(':');
    if (!n) throw new CmdError(`serviceaccount must be <namespace>:<name>`);
    out.push({ kind: 'ServiceAccount', name: n, namespace: ns });
  }
  return out;
}

async function role(inv: Invocation, name: string, cluster: boolean): Promise<Obj> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: cluster ? 'ClusterRole' : 'Role',
    metadata: meta(name),
    rules: await rules(inv),
  };
}

function binding(inv: Invocation, name: string, cluster: boolean): Obj {
  const roleName = cluster ? '' : inv.flags.string('role');
  const clusterRole = inv.flags.string('clusterrole');
  if (!cluster && (roleName ? 1 : 0) + (clusterRole ? 1 : 0) !== 1)
    throw new CmdError('exactly one of clusterrole or role must be specified');
  const o: Obj = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: meta(name),
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: roleName ? 'Role' : 'ClusterRole',
      name: roleName || clusterRole,
    },
  };
  const subs = subjects(inv);
  if (subs.length) o.subjects = subs;
  return o;
}

function priorityclass(inv: Invocation, name: string): Obj {
  const o: Obj = { apiVersion: 'scheduling.k8s.io/v1' };
  if (inv.flags.string('description')) o.description = inv.flags.string('description');
  if (inv.flags.bool('global-default')) o.globalDefault = true;
  o.kind = 'PriorityClass';
  o.metadata = meta(name);
  o.preemptionPolicy = inv.flags.string('preemption-policy') || 'PreemptLowerPriority';
  o.value = inv.flags.int('value');
  return o;
}

function quota(inv: Invocation, name: string): Obj {
  const hard: Obj = {};
  const h = inv.flags.string('hard');
  if (h)
    for (const part of h.split(',')) {
      const [k, v] = part.split('=');
      hard[k] = v;
    }
  const spec: Obj = {};
  if (Object.keys(hard).length) spec.hard = hard;
  const scopes = inv.flags.string('scopes');
  if (scopes) spec.scopes = scopes.split(',');
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(name), spec, status: {} };
}

function pdb(inv: Invocation, name: string): Obj {
  const sel = inv.flags.string('selector');
  const matchLabels: Obj = {};
  for (const part of sel.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    matchLabels[k] = v;
  }
  const spec: Obj = {};
  const minA = inv.flags.string('min-available');
  const maxU = inv.flags.string('max-unavailable');
  if (minA) spec.minAvailable = /^\d+$/.test(minA) ? Number(minA) : minA;
  if (maxU) spec.maxUnavailable = /^\d+$/.test(maxU) ? Number(maxU) : maxU;
  spec.selector = { matchLabels };
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(name),
    spec,
    status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
  };
}

async function runCreateFromFiles(inv: Invocation): Promise<number> {
  const files = inv.flags.strings('filename');
  if (!files.length) {
    if (inv.args.length) throw new UsageError(`Unexpected args: [${inv.args.join(' ')}]`);
    throw new CmdError('must specify one of -f and -k');
  }
  const dry = dryRunOf(inv);
  const objs = await readAll(inv, files, inv.flags.bool('recursive'));
  const errs: unknown[] = [];
  const collect: KubeObject[] = [];
  for (const m of objs) {
    try {
      const info = await infoFor(inv, m);
      let o = m.obj;
      if (inv.flags.bool('save-config')) o = withLastApplied(o, undefined);
      let result = o;
      if (dry !== 'client') {
        try {
          result = await inv.client.request<KubeObject>({
            method: 'POST',
            path: resourcePath(info.resource, info.namespace),
            body: o,
            query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict', ...dryRunQuery(dry) },
          });
        } catch (e) {
          throw addSourceToErr('creating', m.source, e);
        }
      }
      await printOperation(inv, withType(result, info.resource), 'created', dry, collect);
    } catch (e) {
      errs.push(e);
    }
  }
  await flushCollected(inv, collect);
  return reportErrors(inv, errs, errorText);
}

const notSupported = (path: string): Command => ({
  ...helpFor(path),
  async run() {
    throw new CmdError(`kubectl ${path} is not supported by KubeLab`);
  },
});

/** `kubectl create` and its generators. */
export const createCommand: Command = {
  ...helpFor('create'),
  run: runCreateFromFiles,
  subcommands: [
    generator('create clusterrole', (inv, n) => role(inv, n, true)),
    generator('create clusterrolebinding', (inv, n) => binding(inv, n, true)),
    generator('create configmap', configmap, [], () => 'failed to create configmap: '),
    generator('create cronjob', cronjob, ['image', 'schedule'], () => 'failed to create cronjob: '),
    generator('create deployment', deployment, ['image'], () => 'failed to create deployment: '),
    notSupported('create ingress'),
    generator('create job', job, [], () => 'failed to create job: '),
    generator('create namespace', (_inv, n) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(n),
      spec: {},
      status: {},
    })),
    generator('create poddisruptionbudget', pdb, [], () => 'failed to create poddisruptionbudgets: '),
    generator('create priorityclass', priorityclass, [], () => 'failed to create priorityclass: '),
    generator('create quota', quota, [], () => 'failed to create quota: '),
    generator('create role', (inv, n) => role(inv, n, false)),
    generator('create rolebinding', (inv, n) => binding(inv, n, false)),
    {
      ...helpFor('create secret'),
      subcommands: [
        generator(
          'create secret docker-registry',
          secretDocker,
          ['docker-username', 'docker-password'],
          () => 'failed to create secret ',
        ),
        generator('create secret generic', secretGeneric, [], () => 'failed to create secret '),
        generator('create secret tls', secretTls, ['cert', 'key'], () => 'failed to create secret '),
      ],
    },
    {
      ...helpFor('create service'),
      subcommands: [
        generator(
          'create service clusterip',
          serviceGen('ClusterIP'),
          [],
          () => 'failed to create ClusterIP service: ',
        ),
        generator(
          'create service externalname',
          serviceGen('ExternalName'),
          ['external-name'],
          () => 'failed to create ExternalName service: ',
        ),
        generator(
          'create service loadbalancer',
          serviceGen('LoadBalancer'),
          [],
          () => 'failed to create LoadBalancer service: ',
        ),
        generator(
          'create service nodeport',
          serviceGen('NodePort'),
          [],
          () => 'failed to create NodePort service: ',
        ),
      ],
    },
    generator(
      'create serviceaccount',
      (_inv, n) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(n) }),
      [],
      () => 'failed to create serviceaccount: ',
    ),
    notSupported('create token'),
  ],
};
