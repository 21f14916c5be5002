// The recorded `kubectl apply -f` failures of the n-validation and k-errors scenarios, reproduced from the api layer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readManifests, resourceMappingError, isKnownKind, strictDecodingMessage, UserError } from '../../src/api/decode.js';
import { formatInvalid, validateObject, validateObjectUpdate } from '../../src/api/validation.js';
import { FIXTURES, fixture } from './helpers.js';
import type { KObject } from '../../src/api/types.js';

// previously applied objects (the scenario's earlier steps), for update validation
const existing = new Map<string, KObject>();

function kubectlApplyStderr(file: string): string {
  let sets;
  try { sets = readManifests([file]); } catch (e) {
    if (e instanceof UserError) return `error: ${e.message}\n`;
    throw e;
  }
  let out = '';
  for (const { source, objects } of sets) {
    for (const obj of objects) {
      if (!isKnownKind(obj)) { out += `error: ${resourceMappingError(obj, source).message}\n`; continue; }
      const key = `${obj.kind}/${obj.metadata?.name}`;
      const old = existing.get(key);
      if (!old) {
        const strict = strictDecodingMessage(obj);
        if (strict) { out += `Error from server (BadRequest): error when creating ${JSON.stringify(source)}: ${strict}\n`; continue; }
      }
      const errs = old ? validateObjectUpdate(obj, old) : validateObject(obj);
      if (errs.length) { out += formatInvalid(obj.kind!, obj.metadata?.name ?? '', errs) + '\n'; continue; }
      existing.set(key, obj);
    }
  }
  return out;
}

test('recorded apply errors reproduce byte for byte', () => {
  const cases: { cmd: string; stderr: string }[] = JSON.parse(fixture('conformance-apply-errors.json'));
  process.chdir(join(FIXTURES, 'manifests'));
  // k-errors step 2 applied sel-deploy.yaml before changing its selector
  assert.equal(kubectlApplyStderr('sel-deploy.yaml'), '');
  let n = 0;
  for (const c of cases) {
    const file = c.cmd.replace('kubectl apply -f ', '');
    assert.equal(kubectlApplyStderr(file), c.stderr, c.cmd);
    n++;
  }
  assert.equal(n, 23);
});
