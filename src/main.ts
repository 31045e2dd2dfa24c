/** The page's entry: starts the cluster's workers, then the UI. */
import { mount } from 'svelte';
import { installAddons } from './control-plane/addons/addons';
import App from './ui/App.svelte';
import { ClusterState } from './ui/cluster.svelte';
import { TraceState, type AnimatedHop } from './ui/state/trace.svelte';
import { TimeState } from './ui/state/time.svelte';
import { SelectionState } from './ui/state/selection.svelte';
import { InspectorState } from './ui/state/inspector.svelte';
import { EtcdState } from './ui/state/etcd.svelte';
import { ThemeState } from './ui/state/theme.svelte';
import { ClusterControls } from './ui/state/controls';
import type { GraphHandle } from './ui/components/graph-style';
import { ScaledClock } from './runtime/clock';
import { Supervisor } from './runtime/supervisor';
import { createBrowserWorker } from './runtime/browser-workers';
import { browserSpecs } from './runtime/cluster-spec';
import { savedNodes, webStorage } from './ui/state/lesson-setup';
import type { ApiRequest, ApiResponse } from './api/rest';

const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'kubelab';
const supervisor = new Supervisor({
  createWorker: createBrowserWorker,
  // ?seed=S makes a page load reproducible; otherwise each load gets its own random streams (the
  // cluster in IndexedDB carries on from where it was).
  // A lesson may have set the cluster up with its own nodes (kept per database until a reset).
  specs: browserSpecs({
    seed: params.get('seed') ?? `kubelab-${Date.now().toString(36)}`,
    dbName,
    nodes: savedNodes(webStorage('local'), dbName),
  }),
  clock: new ScaledClock(),
});

/** The page's UI handles, for end-to-end tests and the browser console. */
interface UiHandles {
  /** Every hop the graph has started animating (bounded log). */
  hops: AnimatedHop[];
  trace: TraceState;
  time: TimeState;
  selection: SelectionState;
  cluster: ClusterState;
  etcd: EtcdState;
  graph?: GraphHandle;
}

/** Handles for end-to-end tests and the browser console. */
declare global {
  interface Window {
    kubelab: {
      supervisor: Supervisor;
      ready: Promise<void>;
      request: (req: ApiRequest) => Promise<ApiResponse>;
      ui: UiHandles;
    };
  }
}

// Trace from the very start, so the first hops (node registration, the learner's first pod) are drawn.
const trace = new TraceState(supervisor);
trace.start();
const ready = supervisor.start();
// As `kubeadm init` does once the control plane is up: CoreDNS and kube-proxy (idempotent).
ready.then(() => installAddons(supervisor.connect('kubeadm'))).catch(() => {});
// A component that fails for good is shown on the page (the supervisor's status), not thrown.
ready.catch(() => {});
const kubectl = supervisor.connect('kubectl');
const cluster = new ClusterState(supervisor);
cluster.start();
const time = new TimeState(supervisor);
time.start();
const selection = new SelectionState();
const inspector = new InspectorState(cluster.client);
const etcd = new EtcdState(supervisor.connectEtcd('etcd-browser'));
const theme = new ThemeState();
const controls = new ClusterControls(supervisor, dbName);
const ui: UiHandles = { hops: trace.hops, trace, time, selection, cluster, etcd };
window.kubelab = { supervisor, ready, request: (req) => kubectl.request(req), ui };

mount(App, {
  target: document.getElementById('app')!,
  props: {
    cluster,
    trace,
    time,
    selection,
    inspector,
    etcd,
    theme,
    controls,
    api: kubectl,
    ready,
    dbName,
    onGraph: (g: GraphHandle) => (ui.graph = g),
  },
});
