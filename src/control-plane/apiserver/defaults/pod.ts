/**
 * Pod and PodSpec defaults, mirroring pkg/apis/core/v1/defaults.go (SetDefaults_Pod, _PodSpec,
 * _Container, _ContainerPort, _Probe, _HTTPGetAction, _ObjectFieldSelector, _Volume and the volume
 * sources' defaultMode). Left out: ResourceList rounding, ISCSI/RBD/AzureDisk source defaults.
 */
type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => obj(x)) as Obj[]) : [];
}

/** The image's tag as upstream's parsers.ParseImageName returns it (`latest` when no tag or digest). */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) {
    const before = image.slice(0, at);
    const lastSlash = before.lastIndexOf('/');
    const colon = before.lastIndexOf(':');
    return colon > lastSlash ? before.slice(colon + 1) : '';
  }
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > lastSlash ? image.slice(colon + 1) : 'latest';
}

function defaultProbe(p: unknown): void {
  const probe = obj(p);
  if (!probe) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHandler(probe);
}

function defaultHandler(h: Obj): void {
  const http = obj(h.httpGet);
  if (http) {
    if (!http.path) http.path = '/';
    if (!http.scheme) http.scheme = 'HTTP';
  }
  const grpc = obj(h.grpc);
  if (grpc && (grpc.service === undefined || grpc.service === null)) grpc.service = '';
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of objs(c.ports)) {
    if (!p.protocol) p.protocol = 'TCP';
    if (hostNetwork && !p.hostPort) p.hostPort = p.containerPort;
  }
  for (const e of objs(c.env)) {
    const fr = obj(obj(e.valueFrom)?.fieldRef);
    if (fr && !fr.apiVersion) fr.apiVersion = 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lc = obj(c.lifecycle);
  if (lc) for (const hook of ['postStart', 'preStop']) if (obj(lc[hook])) defaultHandler(obj(lc[hook])!);
}

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

function defaultVolume(v: Obj): void {
  if (!volumeSources.some((s) => obj(v[s]))) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = obj(v[s]);
    if (src && (src.defaultMode === undefined || src.defaultMode === null)) src.defaultMode = 420;
  }
  const hp = obj(v.hostPath);
  if (hp && (hp.type === undefined || hp.type === null)) hp.type = '';
  for (const item of objs(obj(v.downwardAPI)?.items)) {
    const fr = obj(item.fieldRef);
    if (fr && !fr.apiVersion) fr.apiVersion = 'v1';
  }
}

/** SetDefaults_PodSpec and everything beneath it (containers, volumes). */
export function defaultPodSpec(spec: Obj): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!obj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  const hostNetwork = spec.hostNetwork === true;
  for (const c of [...objs(spec.containers), ...objs(spec.initContainers), ...objs(spec.ephemeralContainers)]) defaultContainer(c, hostNetwork);
  for (const v of objs(spec.volumes)) defaultVolume(v);
}

/** Defaults of a PodTemplateSpec (workload templates): only the pod spec. */
export function defaultPodTemplate(template: unknown): void {
  const t = obj(template);
  if (!t) return;
  if (!obj(t.spec)) t.spec = {};
  defaultPodSpec(t.spec as Obj);
}

/** SetDefaults_Pod: requests copied from limits, enableServiceLinks, then the pod spec. */
export function defaultPod(pod: Obj): void {
  if (!obj(pod.spec)) pod.spec = {};
  const spec = pod.spec as Obj;
  for (const c of [...objs(spec.containers), ...objs(spec.initContainers)]) {
    const r = obj(c.resources);
    const limits = obj(r?.limits);
    if (!r || !limits) continue;
    const requests = obj(r.requests) ?? {};
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    r.requests = requests;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  defaultPodSpec(spec);
}
