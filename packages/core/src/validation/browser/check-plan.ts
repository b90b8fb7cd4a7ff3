import type { VerificationCheck } from './checks.ts';

/** One page of a run: the indices (into the run's checks) it runs, in this order. */
export type PagePlan = number[];

/** A check that only reads costs about half of one that fills a form in and saves it (measured). */
const weightOf = (check: Pick<VerificationCheck, 'onlyReads'>) => (check.onlyReads ? 1 : 2);
/** Below this weight a page of its own costs more (loading the app again) than it saves. */
const minimumWeightOfExtraPage = 6;

/**
 * Which checks run on which page (the contract is on `VerificationCheck`). Every group gets a
 * page of its own; checks that only read are spread over the pages, heaviest-first, so pages end
 * about even, and get pages of their own (up to `parallelPages` in all) when the groups are
 * fewer than that and there is enough to read. Within a page the given order is kept, readers first: each reader sees the
 * app as seeded, whatever page it lands on. Pages come heaviest first, the order they start in.
 * At least one page, even with no checks: the built-in render check needs one.
 */
export function planPages(
  checks: readonly Pick<VerificationCheck, 'group' | 'onlyReads'>[],
  parallelPages: number,
): PagePlan[] {
  const groups = new Map<string, number[]>();
  const readers: number[] = [];
  checks.forEach((check, index) => {
    if (check.onlyReads && check.group === undefined) {
      readers.push(index);
      return;
    }
    const key = check.group ?? '';
    const members = groups.get(key) ?? [];
    members.push(index);
    groups.set(key, members);
  });
  const weigh = (indices: readonly number[]) =>
    indices.reduce((total, index) => total + weightOf(checks[index] ?? {}), 0);
  const pages = [...groups.values()].map((own) => ({ readers: [] as number[], own, weight: weigh(own) }));
  const readerWeight = weigh(readers);
  const total = pages.reduce((sum, page) => sum + page.weight, 0) + readerWeight;
  const wanted = Math.max(1, Math.min(parallelPages, Math.floor(total / minimumWeightOfExtraPage)));
  while (pages.length < wanted && readers.length > 0) pages.push({ readers: [], own: [], weight: 0 });
  if (pages.length === 0) pages.push({ readers: [], own: [], weight: 0 });
  for (const index of readers) {
    let lightest = pages[0];
    for (const page of pages) if (lightest && page.weight < lightest.weight) lightest = page;
    if (!lightest) break;
    lightest.readers.push(index);
    lightest.weight += weightOf(checks[index] ?? {});
  }
  return pages.sort((a, b) => b.weight - a.weight).map((page) => [...page.readers, ...page.own]);
}
