// The node lifecycle controller's knownNodeSet (monitorNodeHealth): a node it has not seen before gets a
// RegisteredNode event, a node that is gone a RemovingNode event, both through nodeutil.RecordNodeEvent
// ("Node <name> event: <message>", from node-controller, on a reference without resourceVersion).
// kubesim: the nodes a cluster is created with count as registered long ago (their events are past the
// API server's event TTL in a cluster someone is handed), so only nodes added later get the event.
import type { KObject } from '../../api/types.js';
import type { ClusterState } from '../../store/state.js';
import type { ManagerContext } from '../manager.js';

const KEY = 'noderegistry';
const NODE_CONTROLLER = { component: 'node-controller' };

interface RegistryState {
  /** node name -> uid */
  known: Record<string, string>;
}

function nodeRef(name: string, uid: string): KObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } };
}

/** The bootstrap's nodes, known from the start. */
export function seedRegisteredNodes(state: ClusterState, nodes: KObject[]): void {
  const known: Record<string, string> = {};
  for (const n of nodes) known[n.metadata!.name!] = n.metadata!.uid!;
  (state.controllers ??= {})[KEY] = { known } satisfies RegistryState;
}

function registry(ctx: ManagerContext): RegistryState {
  // a cluster saved before this state existed: every node it has is already known
  return ctx.cluster.controllerState<RegistryState>(KEY, () => {
    const known: Record<string, string> = {};
    for (const n of ctx.cluster.list('nodes')) known[n.metadata!.name!] = n.metadata!.uid!;
    return { known };
  });
}

/** A node seen (created, or replaced under the same name): RegisteredNode once per uid. */
export function observeNode(ctx: ManagerContext, node: KObject): void {
  const st = registry(ctx);
  const name = node.metadata!.name!;
  const uid = node.metadata!.uid!;
  if (st.known[name] === uid) return;
  if (st.known[name] !== undefined) forgetNode(ctx, name);
  st.known[name] = uid;
  ctx.cluster.dirty = true;
  ctx.recorder.event(NODE_CONTROLLER, nodeRef(name, uid), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
}

/** A node deleted: RemovingNode. */
export function forgetNode(ctx: ManagerContext, name: string): void {
  const st = registry(ctx);
  const uid = st.known[name];
  if (uid === undefined) return;
  delete st.known[name];
  ctx.cluster.dirty = true;
  ctx.recorder.event(NODE_CONTROLLER, nodeRef(name, uid), 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
}
