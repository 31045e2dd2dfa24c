/**
 * `kubectl get` (kubectl pkg/cmd/get/get.go): server-side Tables for human output, generic printers
 * for -o json/yaml/name/jsonpath/custom-columns, `-A`, `-l`, `--field-selector`, `--chunk-size`
 * paging, `--sort-by`, `--show-labels`, `-L`, `--no-headers`, `-w`/`--watch-only` streaming until the
 * abort signal. Errors for missing objects are collected and printed after the output, as upstream.
 * Leaves out: `-f`/`-k`, `--raw`, `--subresource`, go templates, `--show-kind` without several types.
 * Watch rows are printed from the watched objects with the shared printers (the apiserver's watch
 * streams objects, not Tables).
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError } from '../../api/errors';
import { printTable, type Table, type TableRow } from '../../api/printers';
import { TABLE_ACCEPT } from '../../api/rest';
import { findResource } from '../../api/resources';
import type { KubeObject, WatchEvent } from '../../api/types';
import { CmdError, RawError, type Command, type Invocation } from '../framework/command';
import { gvString, resourcePath, type ApiResource } from '../framework/client';
import type { FlagDef } from '../framework/flags';
import {
  errorText,
  gvrString,
  kindPrefix,
  parseResourceArgs,
  type ResourceTarget,
} from '../framework/resources';
import { GenericPrinter, parseOutput, type OutputSpec } from '../printers/output';
import { missingSortField, sortByField } from '../printers/sort';
import { TablePrinter } from '../printers/table-printer';
import { TabWriter } from '../printers/tabwriter';
import { listWrapper } from '../printers/yaml-json';

/** Flags of `kubectl get`, as upstream declares them. */
export const GET_FLAGS: FlagDef[] = [
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    usage:
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  },
  {
    name: 'allow-missing-template-keys',
    type: 'bool',
    default: true,
    usage:
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
  },
  {
    name: 'chunk-size',
    type: 'int',
    default: 500,
    usage:
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
  },
  {
    name: 'field-selector',
    type: 'string',
    usage:
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
  },
  {
    name: 'filename',
    short: 'f',
    type: 'stringSlice',
    usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
  },
  {
    name: 'ignore-not-found',
    type: 'bool',
    usage: 'If the requested object does not exist the command will return exit code 0.',
  },
  {
    name: 'kustomize',
    short: 'k',
    type: 'string',
    usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
  },
  {
    name: 'label-columns',
    short: 'L',
    type: 'stringSlice',
    usage:
      'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...',
  },
  {
    name: 'no-headers',
    type: 'bool',
    usage:
      "When using the default or custom-column output format, don't print headers (default print headers).",
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    usage:
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].',
  },
  {
    name: 'output-watch-events',
    type: 'bool',
    usage:
      'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.',
  },
  {
    name: 'raw',
    type: 'string',
    usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.',
  },
  {
    name: 'recursive',
    short: 'R',
    type: 'bool',
    usage:
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  },
  {
    name: 'selector',
    short: 'l',
    type: 'string',
    usage:
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  },
  {
    name: 'server-print',
    type: 'bool',
    default: true,
    usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.',
  },
  {
    name: 'show-kind',
    type: 'bool',
    usage: 'If present, list the resource type for the requested object(s).',
  },
  {
    name: 'show-labels',
    type: 'bool',
    usage: 'When printing, show all labels as the last column (default hide labels column)',
  },
  {
    name: 'show-managed-fields',
    type: 'bool',
    usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
  },
  {
    name: 'sort-by',
    type: 'string',
    usage:
      "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.",
  },
  {
    name: 'subresource',
    type: 'string',
    usage: 'If specified, gets the subresource of the requested object.',
  },
  {
    name: 'template',
    type: 'string',
    usage:
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
  },
  {
    name: 'watch',
    short: 'w',
    type: 'bool',
    usage: 'After listing/getting the requested object, watch for changes.',
  },
  {
    name: 'watch-only',
    type: 'bool',
    usage: 'Watch for changes to the requested object(s), without listing/getting first.',
  },
];

const LONG = `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`;

const EXAMPLE = `  # List all pods in ps output format
  kubectl get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide
  
  # List a single replication controller with specified NAME in ps output format
  kubectl get replicationcontroller web
  
  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json
  
  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7
  
  # List a pod identified by type and name specified in "pod.yaml" in JSON output format
  kubectl get -f pod.yaml -o json
  
  # List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl get -k dir/
  
  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}
  
  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image
  
  # List all replication controllers and services together in ps output format
  kubectl get rc,services
  
  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7
  
  # List the 'status' subresource for a single pod
  kubectl get pod web-pod-13je7 --subresource status
  
  # List all deployments in namespace 'backend'
  kubectl get deployments.apps --namespace backend
  
  # List all pods existing in all namespaces
  kubectl get pods --all-namespaces`;

/** One fetched group: a type and its Tables or objects. */
interface Fetched {
  target: ResourceTarget;
  tables: Table[];
  objects: KubeObject[];
  listRv?: string;
}

function selectorsQuery(inv: Invocation): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {};
  const l = inv.flags.string('selector');
  const f = inv.flags.string('field-selector');
  if (l) q.labelSelector = l;
  if (f) q.fieldSelector = f;
  return q;
}

function withTypeMeta(o: KubeObject, r: ApiResource): KubeObject {
  if (o.kind && o.apiVersion) return o;
  return { apiVersion: gvString(r), kind: r.kind, ...o };
}

/** Re-throws list errors with the message cli-runtime's selector visitor gives them. */
function decorateListError(e: unknown, r: ApiResource, l: string, f: string): never {
  if (e instanceof ApiError && (e.reason === 'BadRequest' || e.reason === 'NotFound')) {
    const msg = e.status.message ?? '';
    const m =
      !l && !f
        ? `Unable to list ${JSON.stringify(gvrString(r))}: ${msg}`
        : `Unable to find ${JSON.stringify(gvrString(r))} that match label selector ${JSON.stringify(l)}, field selector ${JSON.stringify(f)}: ${msg}`;
    throw new ApiError({ ...e.status, message: m });
  }
  throw e;
}

async function fetchTarget(
  inv: Invocation,
  t: ResourceTarget,
  table: boolean,
  allNs: boolean,
): Promise<Fetched> {
  const r = t.resource;
  const ns = r.namespaced ? (allNs && t.name === undefined ? undefined : inv.namespace) : undefined;
  const accept = table ? TABLE_ACCEPT : undefined;
  const sortBy = inv.flags.string('sort-by');
  const extra: Record<string, string | undefined> = table && sortBy ? { includeObject: 'Object' } : {};
  if (t.name !== undefined) {
    const body = await inv.client.get<Table | KubeObject>(resourcePath(r, ns, t.name), extra, accept);
    if (table) return { target: t, tables: [body as Table], objects: [] };
    return { target: t, tables: [], objects: [withTypeMeta(body as KubeObject, r)] };
  }
  const q = selectorsQuery(inv);
  const chunk = inv.flags.int('chunk-size');
  const out: Fetched = { target: t, tables: [], objects: [] };
  let cont: string | undefined;
  do {
    const query = {
      ...q,
      ...extra,
      ...(chunk > 0 ? { limit: String(chunk) } : {}),
      ...(cont ? { continue: cont } : {}),
    };
    let body: Table | { items: KubeObject[]; metadata: { continue?: string; resourceVersion?: string } };
    try {
      body = await inv.client.get(resourcePath(r, ns), query, accept);
    } catch (e) {
      decorateListError(e, r, q.labelSelector ?? '', q.fieldSelector ?? '');
    }
    if (table) out.tables.push(body as Table);
    else out.objects.push(...(body as { items: KubeObject[] }).items.map((o) => withTypeMeta(o, r)));
    out.listRv = body.metadata.resourceVersion;
    cont = body.metadata.continue || undefined;
  } while (cont);
  return out;
}

/** Rows of all tables of one group merged into one Table (pages share their columns). */
function mergeTables(tables: Table[]): Table {
  const first = tables[0];
  const rows: TableRow[] = tables.flatMap((t) => t.rows);
  return {
    ...first,
    columnDefinitions: tables.find((t) => t.columnDefinitions.length)?.columnDefinitions ?? [],
    rows,
  };
}

async function runGet(inv: Invocation): Promise<number> {
  const f = inv.flags;
  if (f.string('raw')) throw new CmdError('--raw is not supported by KubeLab');
  if (inv.args.length === 0 && f.strings('filename').length === 0 && !f.string('kustomize')) {
    throw new RawError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    );
  }
  if (f.strings('filename').length || f.string('kustomize'))
    throw new CmdError('-f/-k is not supported by `kubectl get` in KubeLab yet');
  const allMissing = f.bool('allow-missing-template-keys');
  const output = f.string('output');
  const spec = await parseOutput(output, inv.io.files, {
    allowMissingKeys: allMissing,
    template: f.string('template'),
  });
  if (f.bool('show-labels') && spec.kind !== 'human') {
    const name = output.split('=')[0];
    throw new CmdError(`--show-labels option cannot be used with ${name} printer`);
  }
  const allNs = f.bool('all-namespaces');
  const { targets, singleItemImplied } = await parseResourceArgs(inv.client, inv.args);
  const watch = f.bool('watch') || f.bool('watch-only');
  if (watch) return watchGet(inv, targets, spec, allNs);

  const human = spec.kind === 'human';
  const fetched: Fetched[] = [];
  const errs: unknown[] = [];
  for (const t of targets) {
    try {
      fetched.push(await fetchTarget(inv, t, human, allNs));
    } catch (e) {
      if (f.bool('ignore-not-found') && e instanceof ApiError && e.reason === 'NotFound') continue;
      if (e instanceof ApiError && e.reason === 'NotFound' && t.name !== undefined) {
        errs.push(e);
        continue;
      }
      if (e instanceof ApiError && t.name === undefined && e.reason !== 'NotFound') throw e;
      errs.push(e);
    }
  }
  const sortBy = f.string('sort-by');
  if (human) printHuman(inv, fetched, spec.wide, allNs, targets);
  else {
    let objects = fetched.flatMap((x) => x.objects);
    if (sortBy) objects = sortByField(objects, sortBy, (o) => o);
    const printer = new GenericPrinter(spec, inv.out, {
      noHeaders: f.bool('no-headers'),
      allowMissingKeys: allMissing,
    });
    if (!(objects.length === 0 && f.bool('ignore-not-found'))) {
      if (singleItemImplied && objects.length === 1) printer.print(objects[0]);
      else if (!(objects.length === 0 && errs.length > 0)) printer.print(listWrapper(objects));
    }
  }
  for (const e of errs) inv.err(errorText(e) + '\n');
  return errs.length ? 1 : 0;
}

function tableFor(r: ApiResource, obj: KubeObject, now: number): Table {
  const info = findResource(r.group, r.name);
  const t = info
    ? printTable(info, [obj], now, { includeObject: 'Object' })
    : ({
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: {},
        columnDefinitions: [],
        rows: [],
      } as Table);
  return t;
}

function printHuman(
  inv: Invocation,
  fetched: Fetched[],
  wide: boolean,
  allNs: boolean,
  targets: ResourceTarget[],
): void {
  const f = inv.flags;
  const multiType =
    new Set(targets.map((t) => `${t.resource.group}/${t.resource.name}`)).size > 1 || f.bool('show-kind');
  let written = 0;
  let pendingSeparator = false;
  const sink = (s: string) => {
    if (pendingSeparator && s.length) {
      inv.out('\n');
      pendingSeparator = false;
    }
    written += s.length;
    inv.out(s);
  };
  const w = new TabWriter(sink);
  let allNamespaced = !allNs;
  let lastKey: string | undefined;
  let printer: TablePrinter | undefined;
  const sortBy = f.string('sort-by');
  // Several tables (several types, or named objects) are sorted up front by RuntimeSorter, which
  // sees rows whose objects are not decoded yet: any table with rows fails to find the field
  // (kubernetes/kubernetes#104318). A single table is sorted while printing, where a field found in
  // no row drops the table silently, so `No resources found` follows (kubernetes/kubectl#1343).
  // (--sort-by turns chunking off: one table per type, or per named object.)
  const tableCount = fetched.length;
  if (sortBy && tableCount > 1 && fetched.some((g) => g.tables.some((t) => t.rows.length > 0)))
    throw missingSortField(sortBy);
  for (const group of fetched) {
    const r = group.target.resource;
    if (!r.namespaced) allNamespaced = false;
    const key = `${r.group}/${r.name}`;
    if (key !== lastKey) {
      w.flush();
      w.resetRememberedWidths();
      if (lastKey !== undefined && !f.bool('no-headers') && written > 0) pendingSeparator = true;
      printer = new TablePrinter({
        noHeaders: f.bool('no-headers'),
        wide,
        withNamespace: allNs && r.namespaced,
        withKind: multiType ? kindPrefix(r) : undefined,
        showLabels: f.bool('show-labels'),
        columnLabels: f.strings('label-columns'),
      });
      lastKey = key;
    }
    let table = mergeTables(group.tables);
    if (sortBy && table.rows.length > 1) {
      try {
        table = { ...table, rows: sortByField(table.rows, sortBy, (row) => row.object) };
      } catch (e) {
        if (tableCount > 1) throw e;
        continue;
      }
    }
    printer!.print(table, w);
  }
  w.flush();
  if (written === 0 && !f.bool('ignore-not-found')) {
    const anyNamed = targets.some((t) => t.name !== undefined);
    if (!anyNamed || fetched.length > 0) {
      if (allNamespaced) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      else inv.err('No resources found\n');
    }
  }
}

async function watchGet(
  inv: Invocation,
  targets: ResourceTarget[],
  spec: OutputSpec,
  allNs: boolean,
): Promise<number> {
  const f = inv.flags;
  if (targets.length !== 1 && new Set(targets.map((t) => t.resource.name)).size > 1) {
    throw new CmdError('you may only specify a single resource type');
  }
  const t = targets[0];
  const r = t.resource;
  const human = spec.kind === 'human';
  const w = new TabWriter(inv.out);
  const tp = new TablePrinter({
    noHeaders: f.bool('no-headers'),
    wide: human && spec.wide,
    withNamespace: allNs && r.namespaced,
    showLabels: f.bool('show-labels'),
    columnLabels: f.strings('label-columns'),
  });
  const gp = human
    ? undefined
    : new GenericPrinter(spec, inv.out, { noHeaders: f.bool('no-headers'), allowMissingKeys: true });
  const events = f.bool('output-watch-events');
  const now = () => inv.ctx.clock.now();
  let rv: string | undefined;
  if (!f.bool('watch-only')) {
    const got = await fetchTarget(inv, t, false, allNs);
    rv = got.listRv ?? got.objects[0]?.metadata.resourceVersion;
    if (got.objects.length === 0 && human) {
      if (r.namespaced && !allNs) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      else inv.err('No resources found\n');
    }
    for (const o of got.objects) {
      if (human) tp.print(tableFor(r, o, now()), w, events ? 'ADDED' : undefined);
      else gp!.print(o);
    }
    w.flush();
  }
  const ns = r.namespaced && !allNs ? inv.namespace : undefined;
  const query: Record<string, string | undefined> = { ...selectorsQuery(inv), watch: 'true' };
  if (rv) query.resourceVersion = rv;
  if (t.name !== undefined)
    query.fieldSelector = [query.fieldSelector, `metadata.name=${t.name}`].filter(Boolean).join(',');
  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      cancel();
      resolve(code);
    };
    const onEvent = (ev: WatchEvent) => {
      if (ev.type === 'BOOKMARK') return;
      if (ev.type === 'ERROR') {
        const st = ev.object as unknown as Status;
        inv.err(errorText(new ApiError(st)) + '\n');
        finish(1);
        return;
      }
      const o = withTypeMeta(ev.object, r);
      if (human) tp.print(tableFor(r, o, now()), w, events ? ev.type : undefined);
      else gp!.print(o);
      w.flush();
    };
    const cancel = inv.client.watch({ method: 'GET', path: resourcePath(r, ns), query }, onEvent, (err) => {
      if (err) inv.err(errorText(new ApiError(err)) + '\n');
      finish(err ? 1 : 0);
    });
    const sig = inv.io.signal;
    if (sig) {
      if (sig.aborted) finish(0);
      else sig.addEventListener('abort', () => finish(0), { once: true });
    }
  });
}

/** `kubectl get`. */
export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  long: LONG,
  example: EXAMPLE,
  usage:
    'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  flags: GET_FLAGS,
  run: runGet,
};
