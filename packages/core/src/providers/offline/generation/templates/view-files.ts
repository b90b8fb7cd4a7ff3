import type { AppSpec } from '../app-spec.ts';

/** `src/components/StatusBoard.tsx`: a column per status; cards move by drag and drop or buttons. */
export function statusBoardFile(): string {
  return `import { useState } from 'react';
import { fields, statuses, titleKey } from '../config';
import { formatValue } from '../lib/records';
import type { Item, Status } from '../types';
import { statusTone } from './StatusBadge';

interface StatusBoardProps {
  items: Item[];
  onMove: (id: string, status: Status) => void;
  onEdit: (item: Item) => void;
}

const details = fields.filter((field) => field.key !== titleKey && field.kind !== 'longtext').slice(0, 2);

export function StatusBoard({ items, onMove, onEdit }: StatusBoardProps) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<Status | null>(null);

  return (
    <div className="board">
      {statuses.map((status, column) => {
        const cards = items.filter((item) => item.status === status);
        return (
          <section
            key={status}
            className={over === status ? 'column drop-target' : 'column'}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(status);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={() => {
              if (dragging) onMove(dragging, status);
              setDragging(null);
              setOver(null);
            }}
          >
            <header className="column-head">
              <span className={'dot tone-' + statusTone(status)} />
              <h3>{status}</h3>
              <span className="muted">{cards.length}</span>
            </header>
            {cards.map((item) => (
              <article
                key={item.id}
                className="card"
                draggable
                onDragStart={() => setDragging(item.id)}
                onDragEnd={() => setDragging(null)}
              >
                <button type="button" className="card-title link" onClick={() => onEdit(item)}>
                  {String(item[titleKey]) || 'Untitled'}
                </button>
                {details.map((field) => (
                  <p key={field.key} className="muted small">
                    {field.label}: {formatValue(field, item)}
                  </p>
                ))}
                <div className="card-actions">
                  <button
                    type="button"
                    className="button ghost small"
                    disabled={column === 0}
                    aria-label={'Move to ' + (statuses[column - 1] ?? '')}
                    onClick={() => {
                      const previous = statuses[column - 1];
                      if (previous) onMove(item.id, previous);
                    }}
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    className="button ghost small"
                    disabled={column === statuses.length - 1}
                    aria-label={'Move to ' + (statuses[column + 1] ?? '')}
                    onClick={() => {
                      const next = statuses[column + 1];
                      if (next) onMove(item.id, next);
                    }}
                  >
                    →
                  </button>
                </div>
              </article>
            ))}
            {cards.length === 0 && <p className="muted small column-empty">Drop cards here</p>}
          </section>
        );
      })}
    </div>
  );
}
`;
}

/** `src/components/CalendarView.tsx`: a month grid plus the upcoming list, grouped by day. */
export function calendarViewFile(spec: AppSpec): string {
  return `import { useMemo, useState } from 'react';
import { dateKey, titleKey } from '../config';
import { dayKey, parseDay } from '../lib/records';
import type { Item } from '../types';
import { StatusBadge } from './StatusBadge';

interface CalendarViewProps {
  items: Item[];
  onEdit: (item: Item) => void;
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function dateOf(item: Item): Date | null {
  return dateKey ? parseDay(String(item[dateKey])) : null;
}

export function CalendarView({ items, onEdit }: CalendarViewProps) {
  const [month, setMonth] = useState(() => {
    const today = new Date();
    return new Date(today.getFullYear(), today.getMonth(), 1);
  });

  const byDay = useMemo(() => {
    const groups = new Map<string, Item[]>();
    for (const item of items) {
      const date = dateOf(item);
      if (!date) continue;
      const key = dayKey(date);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const group of groups.values()) group.sort((a, b) => (dateOf(a)?.getTime() ?? 0) - (dateOf(b)?.getTime() ?? 0));
    return groups;
  }, [items]);

  // Monday-first grid: blank cells before the 1st, then every day of the month.
  const offset = (month.getDay() + 6) % 7;
  const days = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
  const cells = Array.from({ length: offset + days }, (_, index) =>
    index < offset ? null : new Date(month.getFullYear(), month.getMonth(), index - offset + 1),
  );
  const todayKey = dayKey(new Date());
  const upcoming = [...byDay.entries()].filter(([key]) => key >= todayKey).sort(([a], [b]) => a.localeCompare(b)).slice(0, 7);

  return (
    <div className="calendar-layout">
      <section className="calendar">
        <header className="calendar-head">
          <button type="button" className="button ghost small" aria-label="Previous month" onClick={() => setMonth(new Date(month.getFullYear(), month.getMonth() - 1, 1))}>
            ←
          </button>
          <h3>{month.toLocaleDateString(undefined, { month: 'long', year: 'numeric' })}</h3>
          <button type="button" className="button ghost small" aria-label="Next month" onClick={() => setMonth(new Date(month.getFullYear(), month.getMonth() + 1, 1))}>
            →
          </button>
        </header>
        <div className="calendar-grid">
          {weekdays.map((day) => (
            <div key={day} className="weekday">
              {day}
            </div>
          ))}
          {cells.map((date, index) =>
            date ? (
              <div key={dayKey(date)} className={dayKey(date) === todayKey ? 'day today' : 'day'}>
                <span className="day-number">{date.getDate()}</span>
                {(byDay.get(dayKey(date)) ?? []).slice(0, 3).map((item) => (
                  <button key={item.id} type="button" className="chip" onClick={() => onEdit(item)}>
                    {String(item[titleKey])}
                  </button>
                ))}
              </div>
            ) : (
              <div key={'blank-' + index} className="day blank" />
            ),
          )}
        </div>
      </section>
      <aside className="agenda">
        <h3>Coming up</h3>
        {upcoming.length === 0 && <p className="muted">Nothing scheduled yet.</p>}
        {upcoming.map(([key, group]) => (
          <div key={key} className="agenda-day">
            <h4>{parseDay(key)?.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'short' })}</h4>
            {group.map((item) => (
              <button key={item.id} type="button" className="agenda-item" onClick={() => onEdit(item)}>
                <span>
                  ${spec.fields.some((field) => field.kind === 'datetime') ? "{dateOf(item)?.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} · " : ''}{String(item[titleKey])}
                </span>
                <StatusBadge status={item.status} />
              </button>
            ))}
          </div>
        ))}
      </aside>
    </div>
  );
}
`;
}

/** `src/components/Dashboard.tsx`: summary numbers and two small charts (SVG and CSS, no chart library). */
export function dashboardFile(): string {
  return `import { amountKey, app, fields, groupKey, statuses } from '../config';
import { formatMoney, parseDay } from '../lib/records';
import type { Item } from '../types';
import { statusTone } from './StatusBadge';

interface DashboardProps {
  items: Item[];
}

const amountField = fields.find((field) => field.key === amountKey) ?? null;
const groupField = fields.find((field) => field.key === groupKey) ?? null;

export function Dashboard({ items }: DashboardProps) {
  const byStatus = statuses.map((status) => ({ status, count: items.filter((item) => item.status === status).length }));
  const max = Math.max(1, ...byStatus.map((entry) => entry.count));
  const total = amountField ? items.reduce((sum, item) => sum + Number(item[amountField.key]), 0) : null;
  const last = statuses[statuses.length - 1];
  const done = items.filter((item) => item.status === last).length;
  const weekAgo = Date.now() - 7 * 24 * 60 * 60 * 1000;
  const recent = items.filter((item) => (parseDay(item.createdAt)?.getTime() ?? 0) >= weekAgo).length;

  const groups = new Map<string, number>();
  if (groupField) {
    for (const item of items) {
      const key = String(item[groupField.key]) || 'None';
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
  }
  const groupRows = [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);

  const barWidth = 44;
  const chartHeight = 140;

  return (
    <div className="dashboard">
      <div className="stats">
        <div className="stat">
          <span className="muted">{'Total ' + app.plural}</span>
          <strong>{items.length}</strong>
        </div>
        <div className="stat">
          <span className="muted">{last ?? 'Done'}</span>
          <strong>{done}</strong>
        </div>
        <div className="stat">
          <span className="muted">Added this week</span>
          <strong>{recent}</strong>
        </div>
        {amountField && total !== null && (
          <div className="stat">
            <span className="muted">{'Total ' + amountField.label.toLowerCase()}</span>
            <strong>{amountField.kind === 'money' ? formatMoney(total) : total.toLocaleString()}</strong>
          </div>
        )}
      </div>
      <div className="charts">
        <section className="panel">
          <h3>{app.plural.charAt(0).toUpperCase() + app.plural.slice(1) + ' by status'}</h3>
          <svg
            className="bar-chart"
            viewBox={'0 0 ' + byStatus.length * (barWidth + 16) + ' ' + (chartHeight + 36)}
            role="img"
            aria-label="Bar chart by status"
          >
            {byStatus.map((entry, index) => {
              const height = (entry.count / max) * chartHeight;
              const x = index * (barWidth + 16) + 8;
              return (
                <g key={entry.status}>
                  <rect className={'bar tone-' + statusTone(entry.status)} x={x} y={chartHeight - height + 4} width={barWidth} height={height} rx={6} />
                  <text x={x + barWidth / 2} y={chartHeight - height} textAnchor="middle" className="bar-value">
                    {entry.count}
                  </text>
                  <text x={x + barWidth / 2} y={chartHeight + 24} textAnchor="middle" className="bar-label">
                    {entry.status.length > 9 ? entry.status.slice(0, 8) + '…' : entry.status}
                  </text>
                </g>
              );
            })}
          </svg>
        </section>
        {groupField && (
          <section className="panel">
            <h3>{'By ' + groupField.label.toLowerCase()}</h3>
            <ul className="meter-list">
              {groupRows.map(([label, count]) => (
                <li key={label}>
                  <span>{label}</span>
                  <span className="meter">
                    <span style={{ width: (count / Math.max(1, items.length)) * 100 + '%' }} />
                  </span>
                  <span className="muted">{count}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
`;
}
