/**
 * Object defaulting of kube-apiserver: what the v1 API types' SetDefaults_* functions do when a
 * request is decoded (pkg/apis/{core,apps,batch,autoscaling,networking,rbac,scheduling,storage,
 * discovery}/v1/defaults.go), plus a few server-side normalisations the strategies do before
 * validation (Namespace spec.finalizers, Secret stringData → data, Service clusterIPs from clusterIP,
 * and Service ipFamilies/ipFamilyPolicy for single-stack IPv4). `applyDefaults` mutates `obj`.
 * Left out: cluster IP / node port allocation (the service allocator), Job selector generation at
 * create (see prepareJobForCreate), feature-gated alpha fields.
 */
import type { ResourceInfo } from '../../../api/resources';
import type { KubeObject } from '../../../api/types';
import { defaultPod, defaultPodSpec, defaultPodTemplate } from './pod';

export { imageTag } from './pod';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => obj(x)) as Obj[]) : [];
}

function spec(o: KubeObject): Obj {
  if (!obj(o.spec)) o.spec = {};
  return o.spec as Obj;
}

function unset(v: unknown): boolean {
  return v === undefined || v === null;
}

function templateLabels(s: Obj): Record<string, string> | undefined {
  const l = obj(obj(obj(s.template)?.metadata)?.labels);
  return l ? (l as Record<string, string>) : undefined;
}

function defaultDeployment(o: KubeObject): void {
  const s = spec(o);
  if (unset(s.replicas)) s.replicas = 1;
  const st = obj(s.strategy) ?? {};
  s.strategy = st;
  if (!st.type) st.type = 'RollingUpdate';
  if (st.type === 'RollingUpdate') {
    const ru = obj(st.rollingUpdate) ?? {};
    st.rollingUpdate = ru;
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (unset(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  if (unset(s.progressDeadlineSeconds)) s.progressDeadlineSeconds = 600;
  defaultPodTemplate(s.template);
}

function defaultDaemonSet(o: KubeObject): void {
  const s = spec(o);
  const us = obj(s.updateStrategy) ?? {};
  s.updateStrategy = us;
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = obj(us.rollingUpdate) ?? {};
    us.rollingUpdate = ru;
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = 1;
    if (unset(ru.maxSurge)) ru.maxSurge = 0;
  }
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  defaultPodTemplate(s.template);
}

function defaultStatefulSet(o: KubeObject): void {
  const s = spec(o);
  if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
  const us = obj(s.updateStrategy) ?? {};
  s.updateStrategy = us;
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = obj(us.rollingUpdate) ?? {};
    us.rollingUpdate = ru;
    if (unset(ru.partition)) ru.partition = 0;
  }
  const pvc = obj(s.persistentVolumeClaimRetentionPolicy) ?? {};
  s.persistentVolumeClaimRetentionPolicy = pvc;
  if (!pvc.whenDeleted) pvc.whenDeleted = 'Retain';
  if (!pvc.whenScaled) pvc.whenScaled = 'Retain';
  if (unset(s.replicas)) s.replicas = 1;
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  defaultPodTemplate(s.template);
}

function defaultReplicationController(o: KubeObject): void {
  const s = spec(o);
  const labels = templateLabels(s);
  if (labels && Object.keys(labels).length) {
    if (!obj(s.selector) || Object.keys(obj(s.selector)!).length === 0) s.selector = { ...labels };
    if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) o.metadata.labels = { ...labels };
  }
  if (unset(s.replicas)) s.replicas = 1;
  defaultPodTemplate(s.template);
}

function defaultJobSpecTemplate(s: Obj): void {
  defaultPodTemplate(s.template);
}

function defaultJob(o: KubeObject): void {
  const s = spec(o);
  if (unset(s.completions) && unset(s.parallelism)) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (unset(s.parallelism)) s.parallelism = 1;
  if (unset(s.backoffLimit)) s.backoffLimit = unset(s.backoffLimitPerIndex) ? 6 : 2147483647;
  const labels = templateLabels(s);
  if (labels && (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0)) o.metadata.labels = { ...labels };
  if (unset(s.completionMode)) s.completionMode = 'NonIndexed';
  if (unset(s.suspend)) s.suspend = false;
  if (unset(s.podReplacementPolicy)) s.podReplacementPolicy = obj(s.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  for (const rule of objs(obj(s.podFailurePolicy)?.rules))
    for (const c of objs(rule.onPodConditions)) if (!c.status) c.status = 'True';
  defaultJobSpecTemplate(s);
}

function defaultCronJob(o: KubeObject): void {
  const s = spec(o);
  if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
  if (unset(s.suspend)) s.suspend = false;
  if (unset(s.successfulJobsHistoryLimit)) s.successfulJobsHistoryLimit = 3;
  if (unset(s.failedJobsHistoryLimit)) s.failedJobsHistoryLimit = 1;
  const jt = obj(s.jobTemplate);
  const js = obj(jt?.spec);
  if (js) defaultJobSpecTemplate(js);
}

function defaultService(o: KubeObject): void {
  const s = spec(o);
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP') {
    const cfg = obj(s.sessionAffinityConfig) ?? {};
    s.sessionAffinityConfig = cfg;
    const cip = obj(cfg.clientIP) ?? {};
    cfg.clientIP = cip;
    if (unset(cip.timeoutSeconds)) cip.timeoutSeconds = 10800;
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of objs(s.ports)) {
    if (!p.protocol) p.protocol = 'TCP';
    if (unset(p.targetPort) || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (unset(s.internalTrafficPolicy) && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(String(s.type)))
    s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && unset(s.allocateLoadBalancerNodePorts)) s.allocateLoadBalancerNodePorts = true;
  if (s.type !== 'ExternalName') {
    if (typeof s.clusterIP === 'string' && s.clusterIP && !(Array.isArray(s.clusterIPs) && s.clusterIPs.length)) s.clusterIPs = [s.clusterIP];
    if (unset(s.ipFamilyPolicy)) s.ipFamilyPolicy = 'SingleStack';
    if (!(Array.isArray(s.ipFamilies) && s.ipFamilies.length)) s.ipFamilies = ['IPv4'];
  }
}

function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function defaultSecret(o: KubeObject): void {
  if (!o.type) o.type = 'Opaque';
  const sd = obj(o.stringData);
  if (sd) {
    const data = obj(o.data) ?? {};
    for (const [k, v] of Object.entries(sd)) data[k] = utf8ToBase64(String(v));
    o.data = data;
    delete o.stringData;
  }
}

function defaultNamespace(o: KubeObject): void {
  const name = o.metadata.name;
  if (name) o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  const st = obj(o.status) ?? {};
  o.status = st;
  if (!st.phase) st.phase = 'Active';
}

function defaultNode(o: KubeObject): void {
  const st = obj(o.status);
  if (st && obj(st.capacity) && unset(st.allocatable)) st.allocatable = { ...obj(st.capacity)! };
}

function defaultPV(o: KubeObject): void {
  const s = spec(o);
  if (!s.persistentVolumeReclaimPolicy) s.persistentVolumeReclaimPolicy = 'Retain';
  if (unset(s.volumeMode)) s.volumeMode = 'Filesystem';
  const st = obj(o.status) ?? {};
  o.status = st;
  if (!st.phase) st.phase = 'Pending';
}

function defaultPVC(o: KubeObject): void {
  const s = spec(o);
  if (unset(s.volumeMode)) s.volumeMode = 'Filesystem';
  const st = obj(o.status) ?? {};
  o.status = st;
  if (!st.phase) st.phase = 'Pending';
}

function defaultEndpoints(o: KubeObject): void {
  for (const ss of objs(o.subsets)) for (const p of objs(ss.ports)) if (!p.protocol) p.protocol = 'TCP';
}

function defaultEndpointSlice(o: KubeObject): void {
  for (const p of objs(o.ports)) {
    if (unset(p.name)) p.name = '';
    if (unset(p.protocol)) p.protocol = 'TCP';
  }
}

function defaultLimitRange(o: KubeObject): void {
  for (const item of objs(spec(o).limits)) {
    if (item.type !== 'Container') continue;
    const max = obj(item.max) ?? {};
    const min = obj(item.min) ?? {};
    const def = obj(item.default) ?? {};
    for (const [k, v] of Object.entries(max)) if (!(k in def)) def[k] = v;
    const defReq = obj(item.defaultRequest) ?? {};
    for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
    for (const [k, v] of Object.entries(min)) if (!(k in defReq)) defReq[k] = v;
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(defReq).length) item.defaultRequest = defReq;
  }
}

const scaleUpDefaults = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const scaleDownDefaults = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function hpaRules(v: unknown, defaults: Obj): Obj {
  const r = obj(v);
  if (!r) return JSON.parse(JSON.stringify(defaults)) as Obj;
  if (!Array.isArray(r.policies) || r.policies.length === 0) r.policies = JSON.parse(JSON.stringify(defaults.policies));
  if (unset(r.selectPolicy)) r.selectPolicy = 'Max';
  if (unset(r.stabilizationWindowSeconds)) r.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  return r;
}

function defaultHPA(o: KubeObject): void {
  const s = spec(o);
  if (unset(s.minReplicas)) s.minReplicas = 1;
  if (!Array.isArray(s.metrics) || s.metrics.length === 0)
    s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  const b = obj(s.behavior);
  if (b) {
    b.scaleUp = hpaRules(b.scaleUp, scaleUpDefaults);
    b.scaleDown = hpaRules(b.scaleDown, scaleDownDefaults);
  }
}

function defaultNetworkPolicy(o: KubeObject): void {
  const s = spec(o);
  for (const dir of ['ingress', 'egress']) for (const r of objs(s[dir])) for (const p of objs(r.ports)) if (unset(p.protocol)) p.protocol = 'TCP';
  if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) {
    const types = ['Ingress'];
    if (Array.isArray(s.egress) && s.egress.length > 0) types.push('Egress');
    s.policyTypes = types;
  }
}

function defaultRBACBinding(o: KubeObject): void {
  const ref = obj(o.roleRef);
  if (ref && !ref.apiGroup) ref.apiGroup = 'rbac.authorization.k8s.io';
  for (const s of objs(o.subjects)) if ((s.kind === 'User' || s.kind === 'Group') && !s.apiGroup) s.apiGroup = 'rbac.authorization.k8s.io';
}

/** Applies the v1 defaults of `resource`'s kind to `obj` in place. */
export function applyDefaults(resource: ResourceInfo, o: KubeObject): void {
  if (!o.metadata) o.metadata = {};
  switch (resource.kind) {
    case 'Pod':
      defaultPod(o as Obj);
      break;
    case 'PodTemplate':
      defaultPodTemplate(o.template);
      break;
    case 'Deployment':
      defaultDeployment(o);
      break;
    case 'ReplicaSet': {
      const s = spec(o);
      if (unset(s.replicas)) s.replicas = 1;
      defaultPodTemplate(s.template);
      break;
    }
    case 'ReplicationController':
      defaultReplicationController(o);
      break;
    case 'DaemonSet':
      defaultDaemonSet(o);
      break;
    case 'StatefulSet':
      defaultStatefulSet(o);
      break;
    case 'Job':
      defaultJob(o);
      break;
    case 'CronJob':
      defaultCronJob(o);
      break;
    case 'Service':
      defaultService(o);
      break;
    case 'Secret':
      defaultSecret(o);
      break;
    case 'Namespace':
      defaultNamespace(o);
      break;
    case 'Node':
      defaultNode(o);
      break;
    case 'PersistentVolume':
      defaultPV(o);
      break;
    case 'PersistentVolumeClaim':
      defaultPVC(o);
      break;
    case 'Endpoints':
      defaultEndpoints(o);
      break;
    case 'EndpointSlice':
      defaultEndpointSlice(o);
      break;
    case 'LimitRange':
      defaultLimitRange(o);
      break;
    case 'HorizontalPodAutoscaler':
      defaultHPA(o);
      break;
    case 'NetworkPolicy':
      defaultNetworkPolicy(o);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      defaultRBACBinding(o);
      break;
    case 'PriorityClass':
      if (unset(o.preemptionPolicy)) o.preemptionPolicy = 'PreemptLowerPriority';
      break;
    case 'StorageClass':
      if (unset(o.reclaimPolicy)) o.reclaimPolicy = 'Delete';
      if (unset(o.volumeBindingMode)) o.volumeBindingMode = 'Immediate';
      break;
  }
}

/**
 * What the Job strategy's PrepareForCreate does once the uid is known (generateSelector): unless
 * `spec.manualSelector` is true, the selector becomes `batch.kubernetes.io/controller-uid=<uid>` and
 * the template gets the four controller-uid / job-name labels. The job's own labels, when empty,
 * become the template's (upstream: re-defaulting on the read-back from etcd).
 */
export function prepareJobForCreate(o: KubeObject, uid: string): void {
  const s = spec(o);
  if (s.manualSelector === true) return;
  const name = o.metadata.name ?? '';
  const t = obj(s.template) ?? {};
  s.template = t;
  const meta = obj(t.metadata) ?? {};
  t.metadata = meta;
  const labels = (obj(meta.labels) ?? {}) as Record<string, string>;
  labels['batch.kubernetes.io/controller-uid'] = uid;
  labels['batch.kubernetes.io/job-name'] = name;
  labels['controller-uid'] = uid;
  labels['job-name'] = name;
  meta.labels = labels;
  if (unset(s.selector)) s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) o.metadata.labels = { ...labels };
}

/** Pod-spec defaulting on its own (for callers that build specs outside an object). */
export { defaultPodSpec };
