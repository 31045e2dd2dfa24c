/** kube-scheduler's worker main: leader election on `kube-system/kube-scheduler`. */
import { hostComponent } from '../../runtime/worker-host';
import { runWithLeaderElection } from '../leader-worker';

hostComponent((ctx) => runWithLeaderElection(ctx, 'kube-scheduler', () => undefined));
