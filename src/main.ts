/** The page's entry: starts the cluster's workers, then the UI. */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { ScaledClock } from './runtime/clock';
import { Supervisor } from './runtime/supervisor';
import { createBrowserWorker } from './runtime/browser-workers';
import { browserSpecs } from './runtime/cluster-spec';

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
    kubelab: { supervisor: Supervisor; ready: Promise<void> };
  }
}
const ready = supervisor.start();
window.kubelab = { supervisor, ready };
mount(App, { target: document.getElementById('app')!, props: { supervisor } });
