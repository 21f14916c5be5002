// Shared test helpers: recorded kubectl transcripts copied into test/fixtures/printers.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const FIXTURES = new URL('../../../test/fixtures/printers/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export interface Step {
  seq: number;
  cmd: string;
  stdout: string;
  stderr: string;
}

const cache = new Map<string, Step[]>();
export function step(scenario: string, seq: number): Step {
  let steps = cache.get(scenario);
  if (!steps) {
    steps = JSON.parse(fixture(`${scenario}.json`)).steps as Step[];
    cache.set(scenario, steps);
  }
  const s = steps.find((x) => x.seq === seq);
  if (!s) throw new Error(`no step ${scenario}#${seq}`);
  return s;
}

/** An object from a recorded `-o yaml` step (kubectl's own output, parsed). */
export function yamlStep(scenario: string, seq: number): any {
  return parse(step(scenario, seq).stdout);
}

export const T0 = Date.parse('2026-11-22T23:18:35Z');
