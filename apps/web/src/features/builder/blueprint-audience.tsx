import { SourceLabel } from './blueprint-sources.tsx';
import type { BlueprintDisplay } from './blueprint-view.ts';

/** Who uses the app and whether they share its data, each with where that came from. */
export function AudienceSummary({
  audience,
  sharing,
}: {
  audience: BlueprintDisplay['audience'];
  sharing: BlueprintDisplay['sharing'];
}) {
  return (
    <div
      className="flex flex-col gap-2 rounded-lg border border-border bg-surface px-3 py-2"
      data-testid="blueprint-audience"
    >
      {audience.length === 0 ? (
        <p className="text-[13px] text-muted">Not said yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {audience.map((entry) => (
            <li key={entry.name} className="flex items-baseline gap-1.5">
              <span className="text-[13.5px] text-text">{entry.name}</span>
              <SourceLabel sources={entry.sources} />
            </li>
          ))}
        </ul>
      )}
      <p
        className="flex flex-wrap items-baseline gap-1.5 border-t border-border pt-2 text-[13px] text-text"
        data-testid="blueprint-sharing"
      >
        {sharing.label}
        <SourceLabel sources={sharing.sources} />
      </p>
    </div>
  );
}
