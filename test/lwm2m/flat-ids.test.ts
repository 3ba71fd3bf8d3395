// Flat path ids: the shared arrays lent to an encode, and the arrays of an encode that starts
// while they are lent.
import { describe, expect, it } from 'vitest';
import { withFlatIds, type FlatIds } from '../../harness/lwm2m/formats/flat-ids.ts';
import type { LwM2mNode } from '../../harness/lwm2m/node.ts';

const node = (path: string): LwM2mNode => ({ path, type: 'integer', value: 1 });
const idsOf = (flat: FlatIds | undefined): number[][] =>
  flat === undefined ? [] : Array.from({ length: flat.count }, (_, k) => Array.from(flat.ids.subarray(4 * k, 4 * k + (flat.depth[k] as number))));

describe('withFlatIds', () => {
  it('reads canonical paths, and gives undefined for others or for paths too short', () => {
    expect(withFlatIds([node('/3/0/1'), node('/3/0/2/7')], 3, idsOf)).toEqual([[3, 0, 1], [3, 0, 2, 7]]);
    expect(withFlatIds([node('/3/0/1'), node('/3/00/2')], 3, (flat) => flat)).toBeUndefined();
    expect(withFlatIds([node('/3/0')], 3, (flat) => flat)).toBeUndefined();
  });

  it('grows for many nodes', () => {
    const nodes = Array.from({ length: 5000 }, (_, k) => node(`/3/${k % 7}/${k % 100}`));
    expect(withFlatIds(nodes, 3, idsOf)[4999]).toEqual([3, 4999 % 7, 99]);
  });

  it('gives an encode that starts inside another its own arrays', () => {
    const outer = [node('/1/0/1'), node('/1/0/2')];
    const inner = [node('/2/5/6')];
    const seen = withFlatIds(outer, 3, (a) => {
      const nested = withFlatIds(inner, 3, (b) => {
        expect(b?.ids).not.toBe(a?.ids);
        return idsOf(b);
      });
      return [idsOf(a), nested];
    });
    expect(seen).toEqual([[[1, 0, 1], [1, 0, 2]], [[2, 5, 6]]]);
  });
});
