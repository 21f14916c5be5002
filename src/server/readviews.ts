// The resources a read sees other than as stored (store/cluster.ts ReadView), registered with every cluster a
// command or `kubesim serve` opens: leases brought up to their holders' latest renewal, componentstatuses probed.
import '../controllers/leases/renewal.js';
import './componentstatus.js';
