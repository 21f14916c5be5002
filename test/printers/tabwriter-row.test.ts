import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabWriter, newGetTabWriter, newDescribeTabWriter } from '../../src/printers/tabwriter.js';

test('writeRow gives what writing the tab-joined line gives', () => {
  const rows: string[][] = [
    ['NAME', 'READY', 'STATUS'], ['a', '1/1', 'Running'], ['ü-名前', '', 'x'], [], ['one'],
    ['tab\tinside', 'v\vt', 'nl\nin'], ['ff\fx', 'y'], ['😀', 'wide'], ['', '', ''], ['last', 'row'],
  ];
  const makers: (() => TabWriter)[] = [newGetTabWriter, newDescribeTabWriter, () => new TabWriter(0, 8, 1, '\t', 0)];
  for (const make of makers) {
    for (let cut = 0; cut <= rows.length; cut++) {
      const a = make();
      const b = make();
      a.write('pre\t'); b.write('pre\t'); // a line already holding a cell
      for (const r of rows.slice(0, cut)) { a.write(r.join('\t') + '\n'); b.writeRow(r); }
      b.write('tail'); a.write('tail');
      assert.equal(b.flush(), a.flush());
    }
  }
});
