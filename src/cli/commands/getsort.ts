// get --sort-by as kubectl v1.32 applies it (cmd/get/get.go and sorter.go), which depends on how the answers come:
// - a table: each answer (a type's list, or one named object) is a server Table. Several answers are first sorted
//   among themselves as objects (RuntimeSorter: the field must be found on a Table object, else the command fails);
//   then each Table of more than one row has its rows sorted by the printer, whose failure kubectl ignores: that
//   table prints nothing.
// - anything else: one named object is printed as it is; otherwise the objects are one list, sorted (SortObjects:
//   the field must parse and be found on one of them, else the command fails).
import { UserError } from '../../api/errors.js';
import type { Request } from '../../kubectl/builder.js';
import type { Found } from '../../kubectl/query.js';
import type { KObject } from '../../api/types.js';
import { SortError, sortObjects, sortTableRows } from '../../printers/tables.js';

export function sortedAnswers(found: Found[], expr: string, table: boolean, req: Request | undefined, resourceVersion: string): Found[] {
  try {
    if (!table) {
      const total = found.reduce((n, f) => n + f.objects.length, 0);
      if (total === 0 || (req?.single && total === 1)) return found;
      // one list across the types, printed in its sorted order
      const owner = new Map<KObject, Found>();
      for (const f of found) for (const o of f.objects) owner.set(o, f);
      return sortObjects([...owner.keys()], expr).map((o) => ({ info: owner.get(o)!.info, objects: [o] }));
    }
    // the answers: a Table per type listed, a Table of one row per object named or read from a file
    const answers = found.reduce((n, f, i) => n + (!req || req.targets[i]?.names.length ? f.objects.length : 1), 0);
    if (answers >= 2) sortObjects(Array.from({ length: answers }, () => ({ apiVersion: 'meta.k8s.io/v1', kind: 'Table', metadata: { resourceVersion } })), expr);
    // (a table that prints nothing stays an answer: it still counts when kubectl decides on kind prefixes)
    return found.map((f, i) => (req && req.targets[i]?.names.length ? f : { ...f, objects: sortTableRows(f.objects, expr) ?? [] }));
  } catch (e) {
    if (e instanceof SortError) throw new UserError(`error: ${e.message}`);
    throw e;
  }
}
