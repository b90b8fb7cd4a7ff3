import { useState } from 'react';
import { useApp } from '../app-context';
import { EmptyState } from '../components/EmptyState';
import type { ViewProps } from '../components/ViewPage';
import { addDays, addMonths, dayNumber, endOfMonth, startOfMonth, weekdayIndex } from '../logic/dates';
import { formatTime } from '../logic/format';
import { readValue } from '../logic/model';
import type { AppRecord } from '../schema';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The weeks shown for a month: whole weeks around it, and for the current month also the week
 * before and after today, so what happened yesterday or is due next week is on screen on the 1st.
 */
export function calendarRange(month: string, today: string): { start: string; end: string } {
  let first = startOfMonth(month);
  let last = endOfMonth(month);
  if (startOfMonth(today) === first) {
    if (addDays(today, -7) < first) first = addDays(today, -7);
    if (addDays(today, 7) > last) last = addDays(today, 7);
  }
  return { start: addDays(first, -weekdayIndex(first)), end: addDays(last, 6 - weekdayIndex(last)) };
}

/** A month grid with each record on the day of its date field. */
export function CalendarView({ view, entity, records }: ViewProps) {
  const { model, today, titleOf, navigate } = useApp();
  const [month, setMonth] = useState(() => startOfMonth(today));
  const field = view.dateFieldId ? model.field(entity.id, view.dateFieldId) : undefined;
  if (!field) return <EmptyState title="No dates" text="This calendar has no date field." />;
  const { start, end } = calendarRange(month, today);
  const byDay = new Map<string, AppRecord[]>();
  for (const record of records) {
    const value = readValue(record, field.id);
    if (typeof value !== 'string' || dayNumber(value) === null) continue;
    const day = value.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), record]);
  }
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);
  const undated = records.filter((record) => {
    const value = readValue(record, field.id);
    return typeof value !== 'string' || dayNumber(value) === null;
  });
  return (
    <div className="calendar" data-date-field-id={field.id}>
      <div className="calendar-bar">
        <p className="view-note">
          By <strong>{field.name}</strong>
        </p>
        <h2 className="calendar-month">{monthFormat.format(new Date(`${month}T00:00:00Z`))}</h2>
        <div className="actions">
          <button
            type="button"
            className="button small"
            aria-label="Previous month"
            onClick={() => setMonth(addMonths(month, -1))}
          >
            ←
          </button>
          <button type="button" className="button small" onClick={() => setMonth(startOfMonth(today))}>
            Today
          </button>
          <button
            type="button"
            className="button small"
            aria-label="Next month"
            onClick={() => setMonth(addMonths(month, 1))}
          >
            →
          </button>
        </div>
      </div>
      <div className="calendar-grid card">
        {weekdays.map((weekday) => (
          <div key={weekday} className="weekday">
            {weekday}
          </div>
        ))}
        {days.map((day) => {
          const items = byDay.get(day) ?? [];
          const outside = day.slice(0, 7) !== month.slice(0, 7);
          const classes = ['day', outside ? 'outside' : '', day === today ? 'today' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <div key={day} className={classes} data-date={day}>
              <span className="day-number">{Number(day.slice(8, 10))}</span>
              {items.map((record) => {
                const value = readValue(record, field.id);
                const time =
                  field.type === 'dateTime' && typeof value === 'string' ? value.slice(11, 16) : '';
                return (
                  <button
                    key={record.id}
                    type="button"
                    className="event"
                    data-record-id={record.id}
                    data-testid="open-record"
                    onClick={() => navigate({ kind: 'record', entityId: entity.id, recordId: record.id })}
                  >
                    {time ? <span className="event-time">{formatTime(time)}</span> : null}
                    {titleOf(entity, record)}
                  </button>
                );
              })}
            </div>
          );
        })}
      </div>
      {undated.length > 0 ? (
        <section className="unscheduled">
          <p className="view-note">
            Without a <strong>{field.name}</strong>
          </p>
          <div className="unscheduled-list">
            {undated.map((record) => (
              <button
                key={record.id}
                type="button"
                className="event"
                data-record-id={record.id}
                data-testid="open-record"
                onClick={() => navigate({ kind: 'record', entityId: entity.id, recordId: record.id })}
              >
                {titleOf(entity, record)}
              </button>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
