// apps/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { formatLabels, formatLabelSelector, selectorString } from '../labels.js';
import {
  age, ageCol, apiGroupOf, col, formatResourceName, layoutContainerCells, name, nameCol, wide,
  type HandlerGroup,
} from './common.js';

const containerCols = [wide('Containers'), wide('Images')];

/** metav1.GetControllerOf: the owner reference with controller: true. */
function controllerOf(o: any): any {
  return (o.metadata?.ownerReferences ?? []).find((r: any) => r?.controller === true);
}

export const APPS: HandlerGroup = {
  group: 'apps',
  handlers: {
    deployments: {
      columns: [nameCol, col('Ready'), col('Up-to-date'), col('Available'), ageCol, ...containerCols, wide('Selector')],
      row: (d, now) => {
        const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
        return [
          name(d),
          `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
          d.status?.updatedReplicas ?? 0,
          d.status?.availableReplicas ?? 0,
          age(d, now),
          names,
          images,
          // printDeployment: LabelSelectorAsSelector(...).String(), "" (not <none>) when empty
          selectorString(d.spec?.selector),
        ];
      },
    },
    replicasets: {
      columns: [
        nameCol, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), ageCol,
        ...containerCols, wide('Selector'),
      ],
      row: (rs, now) => {
        const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
        return [
          name(rs), rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, age(rs, now),
          names, images, formatLabelSelector(rs.spec?.selector),
        ];
      },
    },
    statefulsets: {
      columns: [nameCol, col('Ready'), ageCol, ...containerCols],
      row: (ss, now) => {
        const [names, images] = layoutContainerCells(ss.spec?.template?.spec?.containers);
        return [name(ss), `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`, age(ss, now), names, images];
      },
    },
    daemonsets: {
      columns: [
        nameCol, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'),
        col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), ageCol,
        ...containerCols, wide('Selector'),
      ],
      row: (ds, now) => {
        const st = ds.status ?? {};
        const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
        return [
          name(ds),
          st.desiredNumberScheduled ?? 0,
          st.currentNumberScheduled ?? 0,
          st.numberReady ?? 0,
          st.updatedNumberScheduled ?? 0,
          st.numberAvailable ?? 0,
          formatLabels(ds.spec?.template?.spec?.nodeSelector),
          age(ds, now),
          names,
          images,
          formatLabelSelector(ds.spec?.selector),
        ];
      },
    },
    controllerrevisions: {
      columns: [nameCol, col('Controller'), col('Revision'), ageCol],
      row: (cr, now) => {
        const ref = controllerOf(cr);
        const controller = ref ? formatResourceName(ref.kind ?? '', apiGroupOf(ref.apiVersion), ref.name ?? '') : '<none>';
        return [name(cr), controller, cr.revision ?? 0, age(cr, now)];
      },
    },
  },
};
