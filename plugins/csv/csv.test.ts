import { describe, expect, it } from 'vitest';
import { expectSourceAsInferred, inferNode, makeSource, readBatch, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { csvLowering } from './lower.ts';
import { parseCsv } from './parse.ts';
import { csvSpec } from './spec.ts';

runTestsOnWasm();

const text = 'a,species,b\n1,"setosa",2\n3,virginica,4\r\n\n5,setosa,6\n7,versicolor,8\n';

describe('csv', () => {
  it('works out of the box with its sample table', () => {
    expectSourceAsInferred(csvSpec, csvLowering, {}, 4);
  });

  it('parses features and maps class labels to sorted ids', () => {
    const t = parseCsv(text, 'species', 'classification');
    expect(t.featureNames).toEqual(['a', 'b']);
    expect(Array.from(t.features)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(t.target)).toEqual([0, 2, 0, 1]);
    const numeric = parseCsv('x,y\n1,10\n2,9\n3,10\n', '', 'classification');
    expect(numeric.classes).toEqual(['9', '10']);
  });

  it('gives regression targets as [?, 1] floats', () => {
    const params = { text: 'x,y\n1,0.5\n2,1.5\n3,2.5\n4,3.5\n5,4.5\n', task: 'regression', evalSplit: 0 };
    const r = inferNode(csvSpec, params, {});
    expect(r.outputs.y).toEqual({ kind: 'tensor', shape: [null, 1], dtype: 'float32' });
    const { source } = makeSource(csvSpec, csvLowering, params);
    const all = readBatch(source.all('train'));
    expect(all.y!.shape).toEqual([5, 1]);
    expect(all.y!.data.sort()).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
  });

  it('handles quoted fields with commas and doubled quotes', () => {
    const t = parseCsv('x,label,z\n 1 ,"a, ""b""",3\n', 'label', 'classification');
    expect(t.classes).toEqual(['a, "b"']);
    expect(Array.from(t.features)).toEqual([1, 3]);
  });

  it('names the line and column of bad input', () => {
    expect(() => parseCsv('a,b\n1,2\n3,x\n', '', 'regression')).toThrow(
      'line 3, column "b": "x" is not a number',
    );
    expect(() => parseCsv('a,b\n1,2\n3\n', '', 'classification')).toThrow(
      'line 3: expected 2 fields, found 1',
    );
    expect(() => parseCsv('a,b\n1,"2\n', '', 'classification')).toThrow(
      'line 2: a quoted field is not closed',
    );
    expect(() => parseCsv('a,a\n1,2\n', '', 'classification')).toThrow('column "a" appears twice');
    expect(() => inferNode(csvSpec, { text, target: 'kind' }, {})).toThrow(
      /target column "kind" is not in the header/,
    );
    expect(() => inferNode(csvSpec, { text: '' }, {})).toThrow(/CSV text is empty/);
  });
});
