#!/usr/bin/env node
/**
 * Generates src/api/generated/k8s-schema.json (+ k8s-schema-index.json) from the `kubernetes-types`
 * typings, mirroring the apiserver's OpenAPI definitions (`/openapi/v2` definitions) for the kinds that
 * src/api/resources.ts serves and every type they reference.
 *
 * Reads the .d.ts files with the TypeScript compiler API (fast and fully deterministic). What the
 * typings cannot say is restored from small, documented overlays below: int32 vs int64, Go named
 * types (`v1.RestartPolicy`, `v1.ResourceList`), `[]byte` fields, inline-embedded Go structs, and
 * fields added between v1.30 (the typings) and v1.34 (the release KubeLab mirrors).
 *
 * Usage: node scripts/gen-schema.mjs            write the files
 *        node scripts/gen-schema.mjs --verify   exit 1 if the committed files differ
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules', 'kubernetes-types');
const OUT_DIR = join(ROOT, 'src', 'api', 'generated');
const OUT_SCHEMA = join(OUT_DIR, 'k8s-schema.json');
const OUT_INDEX = join(OUT_DIR, 'k8s-schema-index.json');

// ---------------------------------------------------------------------------------------------
// Module naming: kubernetes-types file → OpenAPI definition prefix and Go package name.
// ---------------------------------------------------------------------------------------------

/** `core/v1` → `io.k8s.api.core.v1`, `meta/v1` → `io.k8s.apimachinery.pkg.apis.meta.v1`. */
function prefixOf(mod) {
  if (mod === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (mod === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (mod === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (mod === 'util/intstr') return 'io.k8s.apimachinery.pkg.util.intstr';
  return `io.k8s.api.${mod.replace('/', '.')}`;
}

/** Go package name as reflect prints it: the last path element (`v1`, `v2`, `resource`). */
function goPkgOf(mod) {
  return mod.split('/').pop();
}

// ---------------------------------------------------------------------------------------------
// Overlays: facts the typings lose. Keys are `<module>.<Type>.<field>`.
// ---------------------------------------------------------------------------------------------

/** Fields whose Go type is int64 (every other TS `number` is int32; no float fields exist in these kinds). */
const INT64_FIELDS = [
  'meta/v1.ObjectMeta.generation',
  'meta/v1.ObjectMeta.deletionGracePeriodSeconds',
  'meta/v1.Condition.observedGeneration',
  'core/v1.PodSpec.terminationGracePeriodSeconds',
  'core/v1.PodSpec.activeDeadlineSeconds',
  'core/v1.Probe.terminationGracePeriodSeconds',
  'core/v1.SecurityContext.runAsUser',
  'core/v1.SecurityContext.runAsGroup',
  'core/v1.PodSecurityContext.runAsUser',
  'core/v1.PodSecurityContext.runAsGroup',
  'core/v1.PodSecurityContext.fsGroup',
  'core/v1.PodSecurityContext.supplementalGroups',
  'core/v1.Toleration.tolerationSeconds',
  'core/v1.ServiceAccountTokenProjection.expirationSeconds',
  'core/v1.SleepAction.seconds',
  'core/v1.ContainerImage.sizeBytes',
  'core/v1.ReplicationControllerStatus.observedGeneration',
  'core/v1.PodStatus.observedGeneration',
  'core/v1.PodCondition.observedGeneration',
  'apps/v1.ControllerRevision.revision',
  'apps/v1.DeploymentStatus.observedGeneration',
  'apps/v1.StatefulSetStatus.observedGeneration',
  'apps/v1.DaemonSetStatus.observedGeneration',
  'apps/v1.ReplicaSetStatus.observedGeneration',
  'autoscaling/v2.HorizontalPodAutoscalerStatus.observedGeneration',
  'batch/v1.JobSpec.activeDeadlineSeconds',
  'batch/v1.CronJobSpec.startingDeadlineSeconds',
  'policy/v1.PodDisruptionBudgetStatus.observedGeneration',
];

/** Fields whose Go type is `[]byte` (OpenAPI `format: byte`; JSON carries base64). Keys address the map value. */
const BYTES_FIELDS = ['core/v1.Secret.data', 'core/v1.ConfigMap.binaryData'];

/**
 * Go named types, as reflect.Type.String() prints them, for fields whose Go type is a named string or
 * map type (the typings only say `string` / `{[k]: Quantity}`). Used for the "of type ..." part of
 * decoding errors. The key is the field; an array field names its element type.
 */
const NAMED_TYPES = {
  'core/v1.Container.imagePullPolicy': 'v1.PullPolicy',
  'core/v1.Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'core/v1.Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'core/v1.EphemeralContainer.imagePullPolicy': 'v1.PullPolicy',
  'core/v1.EphemeralContainer.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'core/v1.EphemeralContainer.restartPolicy': 'v1.ContainerRestartPolicy',
  'core/v1.ContainerPort.protocol': 'v1.Protocol',
  'core/v1.ServicePort.protocol': 'v1.Protocol',
  'core/v1.EndpointPort.protocol': 'v1.Protocol',
  'core/v1.PortStatus.protocol': 'v1.Protocol',
  'discovery/v1.EndpointPort.protocol': 'v1.Protocol',
  'networking/v1.NetworkPolicyPort.protocol': 'v1.Protocol',
  'networking/v1.NetworkPolicySpec.policyTypes': 'v1.PolicyType',
  'networking/v1.HTTPIngressPath.pathType': 'v1.PathType',
  'core/v1.PodSpec.restartPolicy': 'v1.RestartPolicy',
  'core/v1.PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'core/v1.PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'core/v1.PodSpec.overhead': 'v1.ResourceList',
  'core/v1.ResourceRequirements.limits': 'v1.ResourceList',
  'core/v1.ResourceRequirements.requests': 'v1.ResourceList',
  'core/v1.VolumeResourceRequirements.limits': 'v1.ResourceList',
  'core/v1.VolumeResourceRequirements.requests': 'v1.ResourceList',
  'core/v1.ContainerStatus.allocatedResources': 'v1.ResourceList',
  'core/v1.PersistentVolumeSpec.capacity': 'v1.ResourceList',
  'core/v1.PersistentVolumeClaimStatus.capacity': 'v1.ResourceList',
  'core/v1.NodeStatus.capacity': 'v1.ResourceList',
  'core/v1.NodeStatus.allocatable': 'v1.ResourceList',
  'core/v1.ResourceQuotaSpec.hard': 'v1.ResourceList',
  'core/v1.ResourceQuotaStatus.hard': 'v1.ResourceList',
  'core/v1.ResourceQuotaStatus.used': 'v1.ResourceList',
  'core/v1.LimitRangeItem.max': 'v1.ResourceList',
  'core/v1.LimitRangeItem.min': 'v1.ResourceList',
  'core/v1.LimitRangeItem.default': 'v1.ResourceList',
  'core/v1.LimitRangeItem.defaultRequest': 'v1.ResourceList',
  'core/v1.LimitRangeItem.maxLimitRequestRatio': 'v1.ResourceList',
  'core/v1.LimitRangeItem.type': 'v1.LimitType',
  'core/v1.Capabilities.add': 'v1.Capability',
  'core/v1.Capabilities.drop': 'v1.Capability',
  'core/v1.Toleration.operator': 'v1.TolerationOperator',
  'core/v1.Toleration.effect': 'v1.TaintEffect',
  'core/v1.Taint.effect': 'v1.TaintEffect',
  'core/v1.NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'core/v1.HTTPGetAction.scheme': 'v1.URIScheme',
  'core/v1.VolumeMount.mountPropagation': 'v1.MountPropagationMode',
  'core/v1.VolumeMount.recursiveReadOnly': 'v1.RecursiveReadOnlyMode',
  'core/v1.ServiceSpec.type': 'v1.ServiceType',
  'core/v1.ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'core/v1.ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'core/v1.ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'core/v1.ServiceSpec.ipFamilies': 'v1.IPFamily',
  'core/v1.ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'core/v1.PersistentVolumeClaimSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'core/v1.PersistentVolumeClaimSpec.volumeMode': 'v1.PersistentVolumeMode',
  'core/v1.PersistentVolumeSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'core/v1.PersistentVolumeSpec.volumeMode': 'v1.PersistentVolumeMode',
  'core/v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'core/v1.HostPathVolumeSource.type': 'v1.HostPathType',
  'core/v1.EmptyDirVolumeSource.medium': 'v1.StorageMedium',
  'core/v1.Secret.type': 'v1.SecretType',
  'core/v1.SecurityContext.procMount': 'v1.ProcMountType',
  'core/v1.SeccompProfile.type': 'v1.SeccompProfileType',
  'core/v1.AppArmorProfile.type': 'v1.AppArmorProfileType',
  'core/v1.PodSecurityContext.fsGroupChangePolicy': 'v1.PodFSGroupChangePolicy',
  'core/v1.TopologySpreadConstraint.whenUnsatisfiable': 'v1.UnsatisfiableConstraintAction',
  'core/v1.TopologySpreadConstraint.nodeAffinityPolicy': 'v1.NodeInclusionPolicy',
  'core/v1.TopologySpreadConstraint.nodeTaintsPolicy': 'v1.NodeInclusionPolicy',
  'core/v1.PodStatus.phase': 'v1.PodPhase',
  'core/v1.PodStatus.qosClass': 'v1.PodQOSClass',
  'core/v1.PodCondition.type': 'v1.PodConditionType',
  'core/v1.PodCondition.status': 'v1.ConditionStatus',
  'core/v1.NodeCondition.type': 'v1.NodeConditionType',
  'core/v1.NodeCondition.status': 'v1.ConditionStatus',
  'core/v1.NodeAddress.type': 'v1.NodeAddressType',
  'core/v1.NodeStatus.phase': 'v1.NodePhase',
  'core/v1.NamespaceSpec.finalizers': 'v1.FinalizerName',
  'core/v1.NamespaceStatus.phase': 'v1.NamespacePhase',
  'core/v1.ResourceQuotaSpec.scopes': 'v1.ResourceQuotaScope',
  'meta/v1.ObjectMeta.uid': 'types.UID',
  'meta/v1.OwnerReference.uid': 'types.UID',
  'meta/v1.LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'meta/v1.Condition.status': 'v1.ConditionStatus',
  'meta/v1.ManagedFieldsEntry.operation': 'v1.ManagedFieldsOperationType',
  'apps/v1.DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'apps/v1.StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'apps/v1.StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'apps/v1.DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'apps/v1.DeploymentCondition.type': 'v1.DeploymentConditionType',
  'apps/v1.DeploymentCondition.status': 'v1.ConditionStatus',
  'batch/v1.CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'batch/v1.JobSpec.completionMode': 'v1.CompletionMode',
  'batch/v1.JobSpec.podReplacementPolicy': 'v1.PodReplacementPolicy',
  'batch/v1.JobCondition.type': 'v1.JobConditionType',
  'batch/v1.JobCondition.status': 'v1.ConditionStatus',
  'batch/v1.PodFailurePolicyRule.action': 'v1.PodFailurePolicyAction',
  'batch/v1.PodFailurePolicyOnExitCodesRequirement.operator': 'v1.PodFailurePolicyOnExitCodesOperator',
  'policy/v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': 'v1.UnhealthyPodEvictionPolicyType',
  'autoscaling/v2.MetricSpec.type': 'v2.MetricSourceType',
  'autoscaling/v2.MetricTarget.type': 'v2.MetricTargetType',
  'autoscaling/v2.HPAScalingRules.selectPolicy': 'v2.ScalingPolicySelect',
  'autoscaling/v2.HPAScalingPolicy.type': 'v2.HPAScalingPolicyType',
  'storage/v1.StorageClass.reclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'storage/v1.StorageClass.volumeBindingMode': 'v1.VolumeBindingMode',
  'discovery/v1.EndpointSlice.addressType': 'v1.AddressType',
};

/**
 * Go structs embedded with `json:",inline"`: the typings flatten their fields into the outer type,
 * but Go's decoder names the embedded struct in error paths (`Volume...VolumeSource.configMap`).
 * Value: [embedded Go field name, fields that belong to the outer struct itself ('*' = all others
 * are embedded) or the list of embedded fields].
 */
const EMBEDDED = {
  'core/v1.Volume': { name: 'VolumeSource', own: ['name'] },
  'core/v1.Probe': {
    name: 'ProbeHandler',
    own: [
      'initialDelaySeconds',
      'timeoutSeconds',
      'periodSeconds',
      'successThreshold',
      'failureThreshold',
      'terminationGracePeriodSeconds',
    ],
  },
  'core/v1.PersistentVolumeSpec': {
    name: 'PersistentVolumeSource',
    own: [
      'accessModes',
      'capacity',
      'claimRef',
      'mountOptions',
      'nodeAffinity',
      'persistentVolumeReclaimPolicy',
      'storageClassName',
      'volumeMode',
      'volumeAttributesClassName',
    ],
  },
  'core/v1.EphemeralContainer': { name: 'EphemeralContainerCommon', own: ['targetContainerName'] },
  'core/v1.ConfigMapEnvSource': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
  'core/v1.SecretEnvSource': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
  'core/v1.ConfigMapKeySelector': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
  'core/v1.SecretKeySelector': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
  'core/v1.ConfigMapVolumeSource': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
  'core/v1.ConfigMapProjection': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
  'core/v1.SecretProjection': { name: 'LocalObjectReference', embeddedOnly: ['name'] },
};

/**
 * v1.31–v1.34 additions missing from the v1.30 typings, as TS-like field specs
 * (`{type, ref, items, description}`), merged into the parsed interfaces before emission.
 */
const V134_FIELDS = {
  'core/v1.PodSpec': {
    resources: {
      ref: 'ResourceRequirements',
      description:
        'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu", "memory" and "hugepages-" resource names only. ResourceClaims are not supported. (v1.34, beta: PodLevelResources)',
    },
    hostnameOverride: {
      type: 'string',
      description:
        "HostnameOverride specifies an explicit override for the pod's hostname as perceived by the pod. (v1.34, alpha)",
    },
  },
  'core/v1.Lifecycle': {
    stopSignal: {
      type: 'string',
      named: 'v1.Signal',
      description:
        'StopSignal defines which signal will be sent to a container when it is being stopped. If not specified, the default is defined by the container runtime in use. (v1.33, alpha)',
    },
  },
  'core/v1.Volume': {
    image: {
      ref: 'ImageVolumeSource',
      description:
        "image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. (v1.33, beta: ImageVolume)",
    },
  },
  'core/v1.PodStatus': {
    observedGeneration: {
      type: 'number',
      description:
        'If set, this represents the .metadata.generation that the pod status was set based upon. (v1.33)',
    },
  },
  'core/v1.PodCondition': {
    observedGeneration: {
      type: 'number',
      description:
        'If set, this represents the .metadata.generation that the pod condition was set based upon. (v1.33)',
    },
  },
};

/** Whole types added after v1.30, referenced from V134_FIELDS. */
const V134_TYPES = {
  'core/v1.ImageVolumeSource': {
    description: 'ImageVolumeSource represents a image volume resource.',
    fields: {
      reference: {
        type: 'string',
        description:
          'Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image.',
      },
      pullPolicy: {
        type: 'string',
        named: 'v1.PullPolicy',
        description:
          'Policy for pulling OCI objects. Possible values are: Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.',
      },
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Parsing the typings.
// ---------------------------------------------------------------------------------------------

/** Reads the served kinds from src/api/resources.ts (`r(group, version, Kind, ...)` calls). */
function servedKinds() {
  const src = readFileSync(join(ROOT, 'src', 'api', 'resources.ts'), 'utf8');
  const out = [];
  for (const m of src.matchAll(/\br\(\s*'([^']*)',\s*'([^']*)',\s*'([^']*)'/g)) {
    const [, group, version, kind] = m;
    const mod = `${group === '' ? 'core' : group.split('.')[0]}/${version}`;
    out.push({ apiVersion: group ? `${group}/${version}` : version, kind, mod });
  }
  return out;
}

/** Cleans a JSDoc comment into plain text. */
function docText(node, sf) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
  const docs = ranges.map((r) => sf.text.slice(r.pos, r.end)).filter((t) => t.startsWith('/**'));
  if (docs.length === 0) return undefined;
  const raw = docs[docs.length - 1];
  return raw
    .replace(/^\/\*\*\s?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

const modules = new Map(); // mod → { types: Map<name, decl>, imports: Map<name, mod>, sf }

function loadModule(mod) {
  if (modules.has(mod)) return modules.get(mod);
  const file = join(TYPES_DIR, `${mod}.d.ts`);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const info = { sf, types: new Map(), imports: new Map() };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const from = st.moduleSpecifier.text.replace(/^\.\.\//, '').replace(/^\.\//, '');
      const target = from;
      for (const el of st.importClause?.namedBindings?.elements ?? []) {
        info.imports.set(el.name.text, { mod: target, name: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      info.types.set(st.name.text, st);
    }
  }
  modules.set(mod, info);
  return info;
}

/** Resolves a type name used in `mod` to [module, name]. */
function resolveName(mod, name) {
  const info = loadModule(mod);
  if (info.types.has(name)) return [mod, name];
  const imp = info.imports.get(name);
  if (imp) return [imp.mod, imp.name];
  if (V134_TYPES[`${mod}.${name}`]) return [mod, name];
  throw new Error(`cannot resolve type ${name} in ${mod}`);
}

// Special apimachinery types: definition name and schema.
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const SPECIAL = {
  'api/resource.Quantity': (desc) => ({
    description: desc,
    'x-kubernetes-quantity': true,
    'x-go-type': 'resource.Quantity',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  }),
  'meta/v1.Time': (desc) => ({
    description: desc,
    type: 'string',
    format: 'date-time',
    'x-go-type': 'v1.Time',
  }),
  'meta/v1.MicroTime': (desc) => ({
    description: desc,
    type: 'string',
    format: 'date-time',
    'x-go-type': 'v1.MicroTime',
    'x-micro-time': true,
  }),
  'runtime.RawExtension': (desc) => ({
    description: desc,
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    'x-go-type': 'runtime.RawExtension',
  }),
  'meta/v1.FieldsV1': (desc) => ({
    description: desc,
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    'x-go-type': 'v1.FieldsV1',
  }),
};

const definitions = {};
const queue = [];

/** Definition name of a referenced type, scheduling it for emission. */
function refTo(mod, name) {
  const def = `${prefixOf(mod)}.${name}`;
  if (!(def in definitions)) {
    definitions[def] = null; // reserve
    queue.push({ mod, name, def });
  }
  return def;
}

const int64Set = new Set(INT64_FIELDS);
const bytesSet = new Set(BYTES_FIELDS);
const usedOverlays = new Set();

/** Schema of a TS type node appearing as field `key` (`mod.Type.field`). */
function schemaOfType(node, mod, key) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.LiteralType: {
      if (bytesSet.has(key)) {
        usedOverlays.add(key);
        return { type: 'string', format: 'byte' };
      }
      if (ts.isLiteralTypeNode(node) && node.literal.kind !== ts.SyntaxKind.StringLiteral) {
        throw new Error(`unexpected literal at ${key}`);
      }
      const s = { type: 'string' };
      return withNamed(s, key);
    }
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword: {
      const is64 = int64Set.has(key);
      if (is64) usedOverlays.add(key);
      return { type: 'integer', format: is64 ? 'int64' : 'int32' };
    }
    case ts.SyntaxKind.UnionType: {
      const kinds = node.types.map((t) => t.kind).sort();
      if (
        kinds.length === 2 &&
        kinds.includes(ts.SyntaxKind.NumberKeyword) &&
        kinds.includes(ts.SyntaxKind.StringKeyword)
      ) {
        refTo('util/intstr', 'IntOrString');
        return { $ref: `#/definitions/${INT_OR_STRING}` };
      }
      throw new Error(`unsupported union at ${key}`);
    }
    case ts.SyntaxKind.ArrayType: {
      const items = schemaOfType(node.elementType, mod, key);
      return { type: 'array', items };
    }
    case ts.SyntaxKind.TypeLiteral: {
      const idx = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
      if (!idx || node.members.length !== 1) throw new Error(`unsupported type literal at ${key}`);
      const value = schemaOfType(idx.type, mod, key);
      const s = { type: 'object', additionalProperties: value };
      // A named map type (v1.ResourceList) names the map, not its values.
      if (NAMED_TYPES[key]) {
        usedOverlays.add(key);
        s['x-go-type'] = NAMED_TYPES[key];
        if (value['x-go-type'] === NAMED_TYPES[key]) delete value['x-go-type'];
      }
      return s;
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) {
        return { type: 'array', items: schemaOfType(node.typeArguments[0], mod, key) };
      }
      const [tmod, tname] = resolveName(mod, name);
      return { $ref: `#/definitions/${refTo(tmod, tname)}` };
    }
    default:
      throw new Error(`unsupported type kind ${ts.SyntaxKind[node.kind]} at ${key}`);
  }
}

function withNamed(s, key) {
  if (NAMED_TYPES[key]) {
    usedOverlays.add(key);
    s['x-go-type'] = NAMED_TYPES[key];
  }
  return s;
}

/** Schema of an overlay field spec. */
function schemaOfSpec(spec, mod, key) {
  let s;
  if (spec.ref) {
    const [tmod, tname] = resolveName(mod, spec.ref);
    s = { $ref: `#/definitions/${refTo(tmod, tname)}` };
  } else if (spec.type === 'number') {
    const is64 = int64Set.has(key);
    if (is64) usedOverlays.add(key);
    s = { type: 'integer', format: is64 ? 'int64' : 'int32' };
  } else {
    s = { type: spec.type };
    if (spec.named) s['x-go-type'] = spec.named;
  }
  return s;
}

/** Attaches a description to a field schema ($ref siblings are allowed by Kubernetes' OpenAPI v2 use). */
function describe(s, description) {
  if (!description) return s;
  return { description, ...s };
}

function emit({ mod, name, def }) {
  const specialKey = `${mod}.${name}`;
  if (mod === 'util/intstr') {
    definitions[def] = {
      description:
        'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
      'x-kubernetes-int-or-string': true,
      'x-go-type': 'intstr.IntOrString',
      oneOf: [{ type: 'integer', format: 'int32' }, { type: 'string' }],
    };
    return;
  }
  const overlayType = V134_TYPES[specialKey];
  if (overlayType) {
    const properties = {};
    for (const [f, spec] of Object.entries(overlayType.fields)) {
      properties[f] = describe(schemaOfSpec(spec, mod, `${specialKey}.${f}`), spec.description);
    }
    definitions[def] = {
      description: overlayType.description,
      type: 'object',
      properties: sortKeys(properties),
      'x-go-type': `${goPkgOf(mod)}.${name}`,
    };
    return;
  }
  const info = loadModule(mod);
  const decl = info.types.get(name);
  if (!decl) throw new Error(`no type ${name} in ${mod}`);
  const desc = docText(decl, info.sf);
  if (SPECIAL[specialKey]) {
    definitions[def] = SPECIAL[specialKey](desc);
    return;
  }
  if (!ts.isInterfaceDeclaration(decl)) throw new Error(`unexpected alias ${specialKey}`);
  const properties = {};
  const required = [];
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m)) throw new Error(`unexpected member in ${specialKey}`);
    const field = m.name.getText().replace(/^"|"$/g, '');
    const key = `${specialKey}.${field}`;
    let s = schemaOfType(m.type, mod, key);
    if (NAMED_TYPES[key] && s.type === 'array' && !s.items['x-go-type']) {
      s.items['x-go-type'] = NAMED_TYPES[key];
      usedOverlays.add(key);
    }
    properties[field] = describe(s, docText(m, info.sf));
    if (!m.questionToken) required.push(field);
  }
  const extra = V134_FIELDS[specialKey];
  if (extra) {
    for (const [f, spec] of Object.entries(extra)) {
      if (f in properties)
        throw new Error(`overlay field ${specialKey}.${f} already present: drop it from V134_FIELDS`);
      properties[f] = describe(schemaOfSpec(spec, mod, `${specialKey}.${f}`), spec.description);
    }
  }
  const emb = EMBEDDED[specialKey];
  if (emb) {
    usedOverlays.add(specialKey);
    for (const f of Object.keys(properties)) {
      const embedded = emb.embeddedOnly ? emb.embeddedOnly.includes(f) : !emb.own.includes(f);
      if (embedded) properties[f] = { ...properties[f], 'x-go-embedded': emb.name };
    }
  }
  const out = { description: desc, type: 'object', properties: sortKeys(properties) };
  if (required.length) out.required = required.sort();
  out['x-go-type'] = `${goPkgOf(mod)}.${name}`;
  definitions[def] = out;
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Builds both outputs as strings. */
function generate() {
  const kinds = servedKinds();
  const index = {};
  for (const k of kinds) {
    loadModule(k.mod);
    const def = refTo(k.mod, k.kind);
    index[`${k.apiVersion}/${k.kind}`] = def;
  }
  while (queue.length) emit(queue.shift());
  // Every overlay entry must have matched a real field: catches typos and upstream renames.
  const unused = [
    ...INT64_FIELDS,
    ...BYTES_FIELDS,
    ...Object.keys(NAMED_TYPES),
    ...Object.keys(EMBEDDED),
  ].filter((k) => !usedOverlays.has(k));
  if (unused.length) throw new Error(`overlay entries that matched no field:\n  ${unused.join('\n  ')}`);
  for (const [def, s] of Object.entries(definitions)) {
    if (!s) throw new Error(`definition ${def} not emitted`);
  }
  // Every $ref must name an emitted definition.
  const text = JSON.stringify(definitions);
  for (const m of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) {
    if (!definitions[m[1]]) throw new Error(`dangling $ref ${m[1]}`);
  }
  const schema = {
    description:
      'Kubernetes v1.34 object schemas for the kinds KubeLab serves. Generated by scripts/gen-schema.mjs from kubernetes-types; do not edit.',
    definitions: sortKeys(definitions),
  };
  return { schema: JSON.stringify(schema) + '\n', index: JSON.stringify(sortKeys(index)) + '\n' };
}

const verify = process.argv.includes('--verify');
const t0 = Date.now();
const { schema, index } = generate();
if (verify) {
  const stale = [];
  for (const [file, text] of [
    [OUT_SCHEMA, schema],
    [OUT_INDEX, index],
  ]) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(file.slice(ROOT.length + 1));
  }
  if (stale.length) {
    console.error(
      `schema:verify: ${stale.join(', ')} out of date; run \`npm run schema:update\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`schema:verify: generated schema is up to date (${Date.now() - t0} ms).`);
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(OUT_SCHEMA, schema);
  writeFileSync(OUT_INDEX, index);
  console.log(
    `schema:update: wrote ${Object.keys(JSON.parse(schema).definitions).length} definitions, ${schema.length} bytes (${Date.now() - t0} ms).`,
  );
}
