// kubectl's OmitManagedFieldsPrinter: -o yaml|json (and diff, edit) leave metadata.managedFields out unless
// --show-managed-fields; templates and jsonpath see them, as in kubectl.
let show = false;

export function setShowManagedFields(v: boolean): void {
  show = v;
}

function strip(o: any): any {
  if (!o || typeof o !== 'object' || Array.isArray(o) || !o.metadata || typeof o.metadata !== 'object' || !('managedFields' in o.metadata)) return o;
  const metadata = { ...o.metadata };
  delete metadata.managedFields;
  return { ...o, metadata };
}

export function omitManagedFields<T>(obj: T): T {
  if (show) return obj;
  const o: any = strip(obj);
  if (o && typeof o === 'object' && Array.isArray(o.items) && o.items.some((i: any) => i?.metadata?.managedFields)) return { ...o, items: o.items.map(strip) };
  return o;
}
