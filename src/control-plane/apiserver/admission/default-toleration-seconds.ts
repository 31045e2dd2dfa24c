/**
 * DefaultTolerationSeconds: every pod tolerates `node.kubernetes.io/not-ready` and
 * `node.kubernetes.io/unreachable` (NoExecute) for 300 s unless it already says otherwise.
 */
import type { AdmissionPlugin } from './types';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** The DefaultTolerationSeconds plugin. */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(a) {
    if (a.info.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource || !a.object) return;
    const spec = (a.object.spec ??= {}) as { tolerations?: Toleration[] };
    const tols = (spec.tolerations ??= []);
    for (const key of KEYS) {
      const covered = tols.some(
        (t) =>
          (t.operator === 'Exists' && !t.key && (!t.effect || t.effect === 'NoExecute')) ||
          (t.key === key && (!t.effect || t.effect === 'NoExecute')),
      );
      if (!covered) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  },
};
