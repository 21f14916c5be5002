// The table convertor of a custom resource (apiextensions-apiserver registry/customresource/tableconvertor): NAME,
// then the CRD version's additionalPrinterColumns (their JSONPath found with missing keys allowed, the cell typed
// by the column's type, a date as an age), or the default Age column when it declares none.
import { RESOURCES } from '../../api/resources.js';
import { crdVersion, servedCRD } from '../../api/crd/served.js';
import { evalJsonPath, executeJsonPath } from '../jsonpath.js';
import { humanDuration } from '../duration.js';
import { nameCol, name, type Cell, type ColumnDefinition, type Handler } from './common.js';

/** cellForJSONValue */
function cellFor(type: string, v: any, now: number): Cell {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'integer': return typeof v === 'number' ? Math.trunc(v) : null;
    case 'number': return typeof v === 'number' ? v : null;
    case 'boolean': return typeof v === 'boolean' ? v : null;
    case 'date': {
      if (typeof v !== 'string') return null;
      const t = Date.parse(v);
      // metav1.Time's UnmarshalQueryParameter takes RFC 3339 only
      if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return '<invalid>';
      return humanDuration(now - t);
    }
    default: return null;
  }
}

const cache = new WeakMap<object, Map<string, Handler>>();

function build(columns: any[]): Handler {
  const cols: ColumnDefinition[] = [nameCol];
  for (const c of columns) cols.push(c.format ? { name: c.name, type: c.type, format: c.format, priority: c.priority ?? 0 } : { name: c.name, type: c.type, priority: c.priority ?? 0 });
  return {
    columns: cols,
    row(o: any, now: number): Cell[] {
      const cells: Cell[] = [name(o)];
      for (const c of columns) {
        let vals: any[];
        try { vals = evalJsonPath(`{${c.jsonPath}}`, o); } catch { cells.push(null); continue; }
        if (vals.length === 0) { cells.push(null); continue; }
        const v = vals[0];
        if (c.type === 'string') {
          // PrintResults of the one value: text as it is, maps and lists as JSON
          try { cells.push(executeJsonPath('{.v}', { v })); } catch { cells.push(null); }
        } else {
          cells.push(cellFor(c.type, v, now));
        }
      }
      return cells;
    },
  };
}

/** The handler of a served custom resource (group/resource), or undefined when none is served by that name. */
export function customResourceHandler(group: string, resource: string): Handler | undefined {
  const info = RESOURCES.find((r) => r.crd && r.group === group && r.resource === resource);
  const crd = servedCRD(info?.crd);
  if (!info || !crd) return undefined;
  let byVersion = cache.get(crd);
  if (!byVersion) cache.set(crd, (byVersion = new Map()));
  let h = byVersion.get(info.version);
  if (!h) {
    const declared: any[] = crdVersion(crd, info.version)?.additionalPrinterColumns ?? [];
    // serveDefaultColumnsIfEmpty: no columns declared means one, Age
    const columns = declared.length ? declared : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
    byVersion.set(info.version, (h = build(columns)));
  }
  return h;
}
