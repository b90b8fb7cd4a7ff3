import { describe, expect, it } from 'vitest';
import { planPages } from './check-plan.ts';
import type { VerificationCheck } from './checks.ts';

type Placement = Pick<VerificationCheck, 'group' | 'onlyReads'>;
const reader: Placement = { onlyReads: true };
const inGroup = (group: string): Placement => ({ group });

describe('planPages', () => {
  it('gives a run with no checks, or only ungrouped ones, one page in the given order', () => {
    expect(planPages([], 3)).toEqual([[]]);
    expect(planPages([{}, {}, {}, {}, {}], 3)).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('gives every group a page of its own, keeping each group’s order', () => {
    const plan = planPages([inGroup('a'), inGroup('b'), inGroup('a'), inGroup('c'), inGroup('b')], 2);
    expect(plan).toHaveLength(3);
    expect(plan).toContainEqual([0, 2]);
    expect(plan).toContainEqual([1, 4]);
    expect(plan).toContainEqual([3]);
  });

  it('spreads readers over the pages, before each page’s own checks, and never splits a group', () => {
    const checks: Placement[] = [
      reader,
      reader,
      reader,
      reader,
      inGroup('a'),
      inGroup('a'),
      inGroup('b'),
      reader,
    ];
    const plan = planPages(checks, 3);
    expect(plan.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const pageOf = (index: number) => plan.findIndex((page) => page.includes(index));
    expect(pageOf(4)).toBe(pageOf(5));
    expect(pageOf(4)).not.toBe(pageOf(6));
    for (const page of plan) {
      const firstOwn = page.findIndex((index) => checks[index]?.onlyReads !== true);
      const readersAfterOwn =
        firstOwn === -1 ? [] : page.slice(firstOwn).filter((index) => checks[index]?.onlyReads);
      expect(readersAfterOwn).toEqual([]);
      const own = page.filter((index) => checks[index]?.onlyReads !== true);
      const read = page.filter((index) => checks[index]?.onlyReads === true);
      for (const part of [own, read]) expect(part).toEqual([...part].sort((a, b) => a - b));
    }
  });

  it('opens pages for readers alone when there is enough to read, up to parallelPages', () => {
    const readers = Array.from({ length: 12 }, () => reader);
    expect(planPages(readers, 3)).toHaveLength(2);
    expect(planPages([...readers, ...readers], 3)).toHaveLength(3);
    expect(planPages([...readers, ...readers], 1)).toHaveLength(1);
    expect(planPages([reader, reader], 3)).toHaveLength(1);
  });
});
