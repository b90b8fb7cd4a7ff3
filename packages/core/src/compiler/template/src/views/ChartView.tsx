import { useApp } from '../app-context';
import { EmptyState } from '../components/EmptyState';
import type { ViewProps } from '../components/ViewPage';
import { formatMoney, formatNumber } from '../logic/format';
import { aggregateOf, groupKeysOf, groupsOf } from '../logic/groups';

/** Bars per group of a field: how many records, or the sum / average of a number field. */
export function ChartView({ view, entity, records }: ViewProps) {
  const { model, store, titleOf } = useApp();
  const aggregate = view.aggregate ?? { fn: 'count' as const, fieldId: null };
  const measured = aggregate.fieldId ? model.field(entity.id, aggregate.fieldId) : undefined;
  const groupFieldId = view.groupByFieldId ?? model.entity(entity.id)?.statusFieldId ?? null;
  const field = groupFieldId ? model.field(entity.id, groupFieldId) : undefined;
  const target = field?.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
  const referenced = target
    ? store.records(target.id).map((record) => ({ id: record.id, title: titleOf(target, record) }))
    : [];
  const groups = field
    ? groupsOf(field, records, referenced).map((group) => ({
        ...group,
        amount: aggregateOf(
          aggregate,
          records.filter((record) => groupKeysOf(field, record).includes(group.key)),
        ),
      }))
    : [
        {
          key: 'all',
          label: `All ${entity.pluralName}`,
          value: null,
          amount: aggregateOf(aggregate, records),
        },
      ];
  const max = Math.max(0, ...groups.map((group) => group.amount));
  const format = (amount: number) =>
    measured?.type === 'money' && aggregate.fn !== 'count' ? formatMoney(amount) : formatNumber(amount);
  const what =
    aggregate.fn === 'count' || !measured
      ? `Number of ${entity.pluralName}`
      : `${aggregate.fn === 'sum' ? 'Total' : 'Average'} ${measured.name}`;
  return (
    <div className="chart card" data-aggregate={aggregate.fn}>
      <p className="view-note">
        <strong>{what}</strong>
        {field ? (
          <>
            {' '}
            by <strong>{field.name}</strong>
          </>
        ) : null}
      </p>
      {records.length === 0 ? (
        <EmptyState
          title={`No ${entity.pluralName.toLowerCase()} yet`}
          text="The chart fills in as records are added."
        />
      ) : (
        <ul className="bars">
          {groups.map((group, index) => (
            <li key={group.key} className="bar-row" data-chart-bar="" data-group-index={index}>
              <span className="bar-label" data-testid="bar-label">
                {group.label}
              </span>
              <span className="bar-track">
                <span
                  className="bar"
                  data-tone={(index % 8) + 1}
                  style={{
                    width: `${max === 0 ? 0 : group.amount <= 0 ? 0 : Math.max(2, (group.amount / max) * 100)}%`,
                  }}
                />
              </span>
              <span className="bar-value numeric" data-testid="bar-value">
                {format(group.amount)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
