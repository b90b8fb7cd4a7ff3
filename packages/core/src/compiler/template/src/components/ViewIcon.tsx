import type { ViewKind } from '../schema';

const paths: Record<ViewKind, string> = {
  table: 'M3 4h14v12H3zM3 8h14M3 12h14M8 4v12',
  board: 'M3 4h4v12H3zM8 4h4v8H8zM13 4h4v10h-4z',
  calendar: 'M3 5h14v11H3zM3 8h14M7 3v4M13 3v4',
  chart: 'M4 16V9M8 16V5M12 16v-4M16 16V7',
  list: 'M7 5h10M7 10h10M7 15h10M3.5 5h.5M3.5 10h.5M3.5 15h.5',
  detail: 'M3 4h5v12H3zM10 4h7M10 8h7M10 12h5',
};

export function ViewIcon({ kind }: { kind: ViewKind }) {
  return (
    <svg className="view-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
      <path
        d={paths[kind]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
