import test from 'node:test';
import assert from 'node:assert/strict';
import { TabWriter, newGetTabWriter, newDescribeTabWriter } from '../../src/printers/tabwriter.js';

function run(w: TabWriter, ...chunks: string[]): string {
  for (const c of chunks) w.write(c);
  return w.flush();
}

test('get tables: padding 3, minwidth 6, last column unpadded', () => {
  const out = run(newGetTabWriter(), 'NAME\tREADY\tAGE\n', 'nginx-deployment\t3/3\t2s\n', 'x\t1/1\t10m\n');
  assert.equal(out, 'NAME               READY   AGE\nnginx-deployment   3/3     2s\nx                  1/1     10m\n');
});

test('--no-headers: minwidth 6 applies to short columns', () => {
  const out = run(newGetTabWriter(), 'nginx2\t2/2\t2\t2\t2s\n');
  assert.equal(out, 'nginx2   2/2   2     2     2s\n');
});

test('describe: a line without a tab ends the column block', () => {
  const out = run(
    newDescribeTabWriter(),
    'Name:\tx\n',
    'RollingUpdateStrategy:\ty\n',
    'Pod Template:\n',
    '  Labels:\tapp=nginx\n',
    '\tpod-template-hash=1\n',
    '  Containers:\n',
    '    Image:\tnginx\n',
    '    Host Port:\t0/TCP\n',
    '    Limits:\n',
    '      cpu:\t200m\n',
    '    Environment:\t<none>\n',
  );
  assert.equal(
    out,
    'Name:                   x\n' +
      'RollingUpdateStrategy:  y\n' +
      'Pod Template:\n' +
      '  Labels:  app=nginx\n' +
      '           pod-template-hash=1\n' +
      '  Containers:\n' +
      '    Image:      nginx\n' +
      '    Host Port:  0/TCP\n' +
      '    Limits:\n' +
      '      cpu:        200m\n' +
      '    Environment:  <none>\n',
  );
});

test('nested columns: Go column-block semantics (aaaa|bbb|d example)', () => {
  const w = new TabWriter(0, 8, 1, '.', 0);
  const out = run(w, 'aaaa\tbbb\td\n', 'aa\tb\tdd\n', 'a\t\n', 'aa\tcccc\teee\n');
  assert.equal(out, 'aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n');
});

test('trailing incomplete line is written at flush; flush resets', () => {
  const w = newDescribeTabWriter();
  w.write('a:\tb\nc');
  assert.equal(w.flush(), 'a:  b\nc');
  w.write('x\ty\n');
  assert.equal(w.flush(), 'x  y\n');
});

test('widths count code points, not UTF-16 units or bytes', () => {
  const out = run(newDescribeTabWriter(), 'é\t1\nab\t2\n');
  assert.equal(out, 'é   1\nab  2\n');
});

test('empty cells are padded (continuation lines of describe)', () => {
  const out = run(newDescribeTabWriter(), 'Labels:\ta=1\n\tb=2\nAnnotations:\tx: y\n');
  assert.equal(out, 'Labels:       a=1\n              b=2\nAnnotations:  x: y\n');
});
