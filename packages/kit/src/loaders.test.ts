import { byKey, groupByKey } from './loaders';

describe('loader helpers', () => {
  it('return one row per key, in key order, null when missing', () => {
    const rows = [{ id: 'b' }, { id: 'a' }];
    expect(byKey(['a', 'x', 'b'], rows, (r) => r.id)).toEqual([{ id: 'a' }, null, { id: 'b' }]);
  });

  it('group rows under their key, an empty list when none', () => {
    const rows = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }];
    expect(groupByKey(['a', 'c', 'b'], rows, (r) => r.k)).toEqual([
      [{ k: 'a', v: 1 }, { k: 'a', v: 3 }],
      [],
      [{ k: 'b', v: 2 }],
    ]);
  });
});
