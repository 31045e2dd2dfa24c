/**
 * Field selectors, mirroring k8s.io/apimachinery/pkg/fields (selector.go, fields.go), the per-kind
 * field label conversion funcs (pkg/apis/core/v1/conversion.go, apps, batch, events) and the registry
 * strategies' `ToSelectableFields` / `GetAttrs` (pkg/registry/.../strategy.go).
 *
 * Left out: kinds KubeLab does not serve (CertificateSigningRequest's spec.signerName), the
 * `Transform` plumbing (conversion is `convertFieldSelector`), and custom resources' selectableFields.
 */
import type { KubeObject } from './types';

/** One term: `field=value` (also parsed from `==`) or `field!=value`. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** A parsed field selector: the AND of its terms, in upstream's order (sorted by raw term text). */
export interface FieldSelector {
  terms: FieldRequirement[];
}

/** upstream `fields.EscapeValue`: escapes `\`, `,` and `=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/** upstream `fields.UnescapeValue`; throws `invalid field selector: ...` on a bad escape or a bare `,`/`=`. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its code point number.
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else out += c;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped (upstream `splitTerms`). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

/**
 * upstream `fields.ParseSelector`: `metadata.name=x,spec.nodeName!=`, with `\,` `\=` `\\` escapes in
 * values. Throws `invalid selector: '<s>'; can't understand '<term>'` or an escaping error.
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const terms: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { lhs: string; op: string; rhs: string } | undefined;
    outer: for (let i = 0; i < part.length; i++) {
      for (const op of TERM_OPERATORS) {
        if (part.startsWith(op, i)) {
          found = { lhs: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break outer;
        }
      }
    }
    if (!found) throw new Error(`invalid selector: '${s}'; can't understand '${part}'`);
    const value = unescapeFieldValue(found.rhs);
    terms.push({ field: found.lhs, operator: found.op === '!=' ? '!=' : '=', value });
  }
  return { terms };
}

/** upstream `fields.SelectorFromSet`: every field must equal its value (sorted by field). */
export function fieldSelectorFromSet(set: Record<string, string>): FieldSelector {
  return {
    terms: Object.keys(set)
      .sort()
      .map((field) => ({ field, operator: '=' as const, value: set[field] })),
  };
}

/** upstream `Selector.String()`: `a=b,c!=d` with values escaped. */
export function fieldSelectorToString(sel: FieldSelector): string {
  return sel.terms.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(',');
}

/** True when every term matches; a field missing from the set reads as the empty string. */
export function matchesFields(sel: FieldSelector, fieldSet: Record<string, string>): boolean {
  return sel.terms.every((t) => {
    const v = Object.prototype.hasOwnProperty.call(fieldSet, t.field) ? fieldSet[t.field] : '';
    return t.operator === '=' ? v === t.value : v !== t.value;
  });
}

/** upstream `Selector.Empty()`. */
export function isEverythingFields(sel: FieldSelector): boolean {
  return sel.terms.length === 0;
}

/** upstream `RequiresExactMatch`: the value an `=` term on `field` requires, if any. */
export function requiresExactMatchField(sel: FieldSelector, field: string): string | undefined {
  return sel.terms.find((t) => t.field === field && t.operator === '=')?.value;
}

// ---------------------------------------------------------------------------------------------
// Per-kind selectable fields.

const META = ['metadata.name', 'metadata.namespace'];

/** The field labels the apiserver accepts in `fieldSelector` for each kind with its own conversion func. */
export const SUPPORTED_FIELD_LABELS: Readonly<Record<string, readonly string[]>> = {
  Pod: [
    ...META,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Node: ['metadata.name', 'spec.unschedulable'],
  ReplicationController: [...META, 'status.replicas'],
  ReplicaSet: [...META, 'status.replicas'],
  Job: [...META, 'status.successful'],
  PersistentVolume: ['metadata.name'],
  Namespace: ['metadata.name', 'status.phase'],
  Secret: [...META, 'type'],
  Service: [...META, 'spec.clusterIP', 'spec.type'],
  Event: [
    ...META,
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
};

/** upstream's error from a kind's field label conversion func: `field label not supported: <field>`. */
export function unsupportedFieldError(kind: string, field: string): Error {
  if (!SUPPORTED_FIELD_LABELS[kind]) {
    // runtime.DefaultMetaV1FieldSelectorConversion, used by kinds without their own func.
    return new Error(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  return new Error(`field label not supported: ${field}`);
}

/** The field labels a kind accepts (metadata.name and metadata.namespace for kinds without their own list). */
export function supportedFieldLabels(kind: string): readonly string[] {
  return SUPPORTED_FIELD_LABELS[kind] ?? META;
}

/**
 * Converts a field selector for `kind` as the apiserver does before listing: validates each label
 * (throwing upstream's error) and maps the legacy `spec.host` of pods to `spec.nodeName`.
 */
export function convertFieldSelector(kind: string, sel: FieldSelector): FieldSelector {
  return {
    terms: sel.terms.map((t) => {
      if (kind === 'Pod' && t.field === 'spec.host') return { ...t, field: 'spec.nodeName' };
      if (!supportedFieldLabels(kind).includes(t.field)) throw unsupportedFieldError(kind, t.field);
      return t;
    }),
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const int = (v: unknown): string => String(typeof v === 'number' ? Math.trunc(v) : 0);

const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
]);

/**
 * The selectable fields the real apiserver computes for an object of `kind` (upstream
 * `ToSelectableFields` / `GetAttrs`): metadata.name (+ metadata.namespace for namespaced kinds)
 * plus the kind's own fields, with values as strings (`"true"`, `"3"`).
 */
export function fieldSetFor(kind: string, o: KubeObject): Record<string, string> {
  const meta = obj(o.metadata);
  const set: Record<string, string> = { 'metadata.name': str(meta.name) };
  if (!CLUSTER_SCOPED.has(kind)) set['metadata.namespace'] = str(meta.namespace);
  const spec = obj(o.spec);
  const status = obj(o.status);
  switch (kind) {
    case 'Pod': {
      set['spec.nodeName'] = str(spec.nodeName);
      set['spec.restartPolicy'] = str(spec.restartPolicy);
      set['spec.schedulerName'] = str(spec.schedulerName);
      set['spec.serviceAccountName'] = str(spec.serviceAccountName);
      set['spec.hostNetwork'] = spec.hostNetwork === true ? 'true' : 'false';
      set['status.phase'] = str(status.phase);
      const ips = Array.isArray(status.podIPs) ? status.podIPs : [];
      set['status.podIP'] = ips.length ? str(obj(ips[0]).ip) : '';
      set['status.nominatedNodeName'] = str(status.nominatedNodeName);
      break;
    }
    case 'Node':
      set['spec.unschedulable'] = spec.unschedulable === true ? 'true' : 'false';
      break;
    case 'ReplicationController':
    case 'ReplicaSet':
      set['status.replicas'] = int(status.replicas);
      break;
    case 'Job':
      set['status.successful'] = int(status.succeeded);
      break;
    case 'Namespace':
      set['status.phase'] = str(status.phase);
      break;
    case 'Secret':
      set.type = str(o.type);
      break;
    case 'Service':
      set['spec.clusterIP'] = str(spec.clusterIP);
      set['spec.type'] = str(spec.type);
      break;
    case 'Event': {
      const io = obj(o.involvedObject);
      const source = str(obj(o.source).component) || str(o.reportingComponent);
      set['involvedObject.kind'] = str(io.kind);
      set['involvedObject.namespace'] = str(io.namespace);
      set['involvedObject.name'] = str(io.name);
      set['involvedObject.uid'] = str(io.uid);
      set['involvedObject.apiVersion'] = str(io.apiVersion);
      set['involvedObject.resourceVersion'] = str(io.resourceVersion);
      set['involvedObject.fieldPath'] = str(io.fieldPath);
      set.reason = str(o.reason);
      set.reportingComponent = str(o.reportingComponent);
      set.source = source;
      set.type = str(o.type);
      break;
    }
  }
  return set;
}

/**
 * The message kubectl prints when a list with selectors fails (resource builder): `Unable to find
 * "/v1, Resource=pods" that match label selector "", field selector "foo=bar": <server message>`.
 */
export function kubectlSelectorErrorMessage(
  gvr: { group: string; version: string; resource: string },
  labelSelector: string,
  fieldSelector: string,
  message: string,
): string {
  const subj = JSON.stringify(`${gvr.group}/${gvr.version}, Resource=${gvr.resource}`);
  if (!labelSelector && !fieldSelector) return `Unable to list ${subj}: ${message}`;
  return `Unable to find ${subj} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${message}`;
}
