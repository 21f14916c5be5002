import test from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, matches, selectorToString, formatSelector, labelSelectorAsSelector, SelectorError, selectorFromSet } from '../../src/api/selectors.js';

test('parse and print -l selectors (requirements sorted by key)', () => {
  assert.equal(formatSelector(parseSelector('a=b,c!=d,e in (y,x),!f,g')), 'a=b,c!=d,e in (x,y),!f,g');
  assert.equal(formatSelector(parseSelector('tier notin (cache), app==web')), 'app==web,tier notin (cache)');
  assert.equal(formatSelector(parseSelector('x>5,x<10')), 'x>5,x<10');
  assert.equal(formatSelector(parseSelector('')), '');
  assert.equal(formatSelector(parseSelector('k=')), 'k=');
});

test('selector syntax errors with apimachinery wording', () => {
  const err = (s: string) => { try { parseSelector(s); } catch (e) { if (e instanceof SelectorError) return e.message; throw e; } return ''; };
  assert.equal(err('a b'), "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
  assert.equal(err('a=b c'), "found 'c', expected: ',' or 'end of string'");
  assert.equal(err('app in (x'), "unable to parse requirement: found '', expected: ',' or ')'");
  assert.equal(err('app=web,'), "found '', expected: identifier after ','");
  assert.equal(err('app notin'), "unable to parse requirement: found '' expected: '('");
  assert.equal(err('!'), "unable to parse requirement: found '', expected: identifier");
  assert.equal(err('app>'), `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`);
  assert.equal(err('a,,b'), "found ',', expected: identifier after ','");
  assert.equal(err('x>a'), `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
  assert.match(err('Bad_Key-=x'), /^unable to parse requirement: key: Invalid value: "Bad_Key-": name part must consist of alphanumeric characters/);
  assert.match(err('app=a!b'), /^unable to parse requirement: found '!', expected: ',' or 'end of string'|found/);
});

test('matching', () => {
  const l = { app: 'web', tier: 'front', n: '7' };
  assert.equal(matches('app=web', l), true);
  assert.equal(matches('app!=web', l), false);
  assert.equal(matches('missing!=x', l), true);
  assert.equal(matches('tier in (front,back)', l), true);
  assert.equal(matches('tier notin (front)', l), false);
  assert.equal(matches('!missing,app', l), true);
  assert.equal(matches('n>5,n<8', l), true);
  assert.equal(matches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, l), true);
  assert.equal(matches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, l), false);
  assert.equal(matches(null, l), false); // nil LabelSelector selects nothing
  assert.equal(matches({}, l), true); // empty selects everything
  assert.equal(matches(selectorFromSet({ app: 'web' }), l), true);
});

test('FormatLabelSelector', () => {
  assert.equal(selectorToString({ matchLabels: { 'pod-template-hash': '647677fc66', app: 'nginx' } }), 'app=nginx,pod-template-hash=647677fc66');
  assert.equal(selectorToString({}), '<none>');
  assert.equal(selectorToString(null), '<none>');
  assert.equal(selectorToString({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }, { key: 'app', operator: 'Exists' }] }), 'app,env notin (dev,prod)');
  assert.equal(selectorToString({ matchExpressions: [{ key: 'a', operator: 'Foo', values: [] }] }), '<error>');
  assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }), /"Foo" is not a valid label selector operator/);
});
