// The bounds go-yaml v2 (sigs.k8s.io/yaml, which kubectl and the API server decode YAML with)
// puts on a document, with its messages: at most 10,000 nested flow levels, and alias expansion
// limited to a share of the decoded nodes ("billion laughs"). The npm yaml package expands aliases
// without limit and recurses per level, so both are checked before it converts a document.
import { isAlias, isMap, isSeq, type Document, type Node } from 'yaml';

const MAX_FLOW_LEVEL = 10000;

/** go-yaml's flow-level check, before the parser sees the text (quoted scalars and comments skipped). */
export function flowDepthError(text: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_LEVEL) return `yaml: exceeded max depth of ${MAX_FLOW_LEVEL}`;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '"' || c === "'") {
      // skip the quoted scalar ('' escapes a quote in single quotes, \" in double)
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    }
  }
  return undefined;
}

// decode.go: alias_ratio_range_low/high and allowedAliasRatio
const RATIO_LOW = 400_000;
const RATIO_HIGH = 4_000_000;
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= RATIO_LOW) return 0.99;
  if (decodeCount >= RATIO_HIGH) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - RATIO_LOW) / (RATIO_HIGH - RATIO_LOW));
}

/** decoder.unmarshal's counting over the document (keys and values, aliases followed): go-yaml's message, or undefined. */
export function aliasingError(doc: Document): string | undefined {
  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  const expanding = new Set<Node>();
  class Stop { constructor(public message: string) {} }
  const visit = (n: unknown): void => {
    decodeCount++;
    if (aliasDepth > 0) aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      throw new Stop('yaml: document contains excessive aliasing');
    }
    if (isAlias(n)) {
      const target = n.resolve(doc) as Node | undefined;
      if (!target) return;
      if (expanding.has(target)) throw new Stop(`yaml: anchor '${n.source}' value contains itself`);
      expanding.add(target);
      aliasDepth++;
      visit(target);
      aliasDepth--;
      expanding.delete(target);
    } else if (isMap(n)) {
      for (const p of n.items) { visit(p.key); visit(p.value); }
    } else if (isSeq(n)) {
      for (const it of n.items) visit(it);
    }
  };
  try {
    visit(doc.contents);
  } catch (e) {
    if (e instanceof Stop) return e.message;
    throw e;
  }
  return undefined;
}
