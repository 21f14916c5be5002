// --overrides / --override-type of `run` and `expose` (cmd/util/override_options.go, overrides.go):
// the generated object encoded, patched, and decoded back into its Go type.
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { applyJsonPatch, decodeJsonPatch, jsonMergePatch, parseJson, strategicMergePatch } from '../patch.js';
import { typedAs } from './typed.js';

export function applyOverrides(obj: KObject, overrides: string, overrideType: string, goTypeName: string): KObject {
  if (!overrides) return obj;
  let patched: any;
  switch (overrideType || 'merge') {
    case 'json': {
      let ops: any[];
      try { ops = decodeJsonPatch(overrides); } catch (e) { throw new UserError((e as Error).message); }
      try { patched = applyJsonPatch(obj, ops, { client: true }); } catch (e) { throw new UserError((e as Error).message); }
      break;
    }
    case 'merge': {
      let p: any;
      try { p = parseJson(overrides); } catch { throw new UserError('Invalid JSON Patch'); }
      patched = jsonMergePatch(obj, p);
      break;
    }
    case 'strategic': {
      let p: any;
      try { p = parseJson(overrides); } catch (e) { throw new UserError((e as Error).message); }
      try { patched = strategicMergePatch(obj, p ?? {}, goTypeName); } catch (e) { throw new UserError((e as Error).message); }
      break;
    }
    default:
      throw new UserError(`invalid override type: ${overrideType}`);
  }
  return typedAs(goTypeName, patched);
}
