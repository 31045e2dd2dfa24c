/** The page's entry: starts the cluster's workers, then the UI. */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { ClusterState } from './ui/cluster.svelte';
import { ScaledClock } from './runtime/clock';
import { Supervisor } from './runtime/supervisor';
import { createBrowserWorker } from './runtime/browser-workers';
import { browserSpecs } from './runtime/cluster-spec';
import type { ApiRequest, ApiResponse } from './api/rest';

const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'kubelab';
const supervisor = new Supervisor({
  createWorker: createBrowserWorker,
  specs: browserSpecs({ seed: params.get('seed') ?? 'kubelab', dbName }),
  clock: new ScaledClock(),
});

/** Handles for end-to-end tests and the browser console. */
declare global {
  interface Window {
    kubelab: {
      supervisor: Supervisor;
      ready: Promise<void>;
      request: (req: ApiRequest) => Promise<ApiResponse>;
    };
  }
}
const ready = supervisor.start();
// A component that fails for good is shown on the page (the supervisor's status), not thrown.
ready.catch(() => {});
const console = supervisor.connect('kubectl');
window.kubelab = { supervisor, ready, request: (req) => console.request(req) };
const cluster = new ClusterState(supervisor);
cluster.start();
mount(App, { target: document.getElementById('app')!, props: { cluster } });
