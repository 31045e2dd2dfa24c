/** kube-controller-manager's worker main: leader election on `kube-system/kube-controller-manager`. */
import { hostComponent } from '../../runtime/worker-host';
import { runWithLeaderElection } from '../leader-worker';

hostComponent((ctx) => runWithLeaderElection(ctx, 'kube-controller-manager', () => undefined));
