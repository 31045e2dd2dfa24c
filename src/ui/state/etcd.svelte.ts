/**
 * The etcd browser's state, through an etcdctl-like connection to etcd itself: the keys under
 * /registry (keys only), one key's revision history (create/mod revision, version, deletions), and
 * its value at any past revision.
 */
import type { EtcdApi, KeyHistory } from '../../control-plane/etcd/types';

/** One key in the list. */
export interface KeyRow {
  key: string;
  modRevision: number;
  version: number;
}

/** The etcd browser. */
export class EtcdState {
  keys = $state.raw<KeyRow[]>([]);
  revision = $state(0);
  selectedKey = $state<string | undefined>(undefined);
  history = $state.raw<KeyHistory | undefined>(undefined);
  /** The revision whose value is shown. */
  shownRevision = $state<number | undefined>(undefined);
  value = $state<string | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  loading = $state(false);

  constructor(private readonly etcd: EtcdApi) {}

  /** Lists the keys under /registry/. */
  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const r = await this.etcd.range('/registry/', { prefix: true, keysOnly: true });
      this.keys = r.kvs.map((kv) => ({ key: kv.key, modRevision: kv.modRevision, version: kv.version }));
      this.revision = r.revision;
      this.error = undefined;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
    }
    if (this.selectedKey) await this.open(this.selectedKey, this.shownRevision);
  }

  /** Opens a key: its history and its value (latest, or at `revision`). */
  async open(key: string, revision?: number): Promise<void> {
    this.selectedKey = key;
    try {
      this.history = await this.etcd.history(key);
      const latest = this.history.versions[this.history.versions.length - 1];
      await this.showAt(revision ?? latest?.modRevision);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** Shows the key's value at a revision. */
  async showAt(revision: number | undefined): Promise<void> {
    const key = this.selectedKey;
    if (!key) return;
    this.shownRevision = revision;
    try {
      const r = await this.etcd.range(key, revision !== undefined ? { revision } : {});
      const v = r.kvs[0]?.value;
      this.value = v === undefined ? undefined : pretty(v);
      this.error = undefined;
    } catch (e) {
      this.value = undefined;
      this.error = (e as Error).message;
    }
  }
}

/** A stored value, indented when it is JSON. */
export function pretty(v: string): string {
  try {
    return JSON.stringify(JSON.parse(v), null, 2);
  } catch {
    return v;
  }
}
