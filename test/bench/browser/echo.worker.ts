/** A Web Worker that echoes every message back (used by the example browser benchmark). */
self.onmessage = (event: MessageEvent) => {
  self.postMessage(event.data);
};
