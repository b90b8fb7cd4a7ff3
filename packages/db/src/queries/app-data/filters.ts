import type { AppFilter } from '@app/core/data-store';
import { type RawBuilder, sql } from 'kysely';

/**
 * A blueprint view's filter as SQL on `r."values"` (the record being listed, aliased `r`), with
 * the same meaning as the compiled app's `matchesFilter` (template logic/filters.ts) — the db tests
 * run both on the same records. `today` is the viewer's day (YYYY-MM-DD), as in the app.
 */
export function filterCondition(filter: AppFilter, today: string): RawBuilder<boolean> {
  const todaySql = sql`${today}::date`;
  switch (filter.kind) {
    case 'date': {
      const day = dayOf(fieldValue(filter.fieldId));
      const days = filter.days ?? 7;
      const relation = {
        before_today: sql`${day} < ${todaySql}`,
        today: sql`${day} = ${todaySql}`,
        after_today: sql`${day} > ${todaySql}`,
        within_next_days: sql`${day} between ${todaySql} and ${todaySql} + ${days}::int`,
        within_past_days: sql`${day} between ${todaySql} - ${days}::int and ${todaySql}`,
      }[filter.relation];
      return sql<boolean>`coalesce(${relation}, false)`;
    }
    case 'choice': {
      const value = fieldValue(filter.fieldId);
      const values = sql`${[...filter.values]}::text[]`;
      return sql<boolean>`coalesce(case jsonb_typeof(${value})
        when 'array' then ${value} ?| ${values}
        when 'string' then (${value} #>> '{}') = any(${values})
        else false end, false)`;
    }
    case 'boolean':
      return sql<boolean>`(coalesce(${fieldValue(filter.fieldId)} = 'true'::jsonb, false)) = ${filter.value}`;
    case 'empty':
      return sql<boolean>`(${isEmpty(fieldValue(filter.fieldId))}) = ${filter.empty}`;
    case 'relatedCountBelow': {
      const limit = fieldValue(filter.limitFieldId);
      // `@>` on {field: id} is what the gin index on values answers.
      return sql<boolean>`coalesce(jsonb_typeof(${limit}) = 'number' and (
        select count(*) from app_records related
        where related.app_id = r.app_id and related.dataset = r.dataset
          and related.entity_id = ${filter.relatedEntityId}
          and related."values" @> jsonb_build_object(${filter.relatedFieldId}::text, r.id::text)
      ) < (${limit})::numeric, false)`;
    }
    case 'intervalDue': {
      const day = dayOf(fieldValue(filter.dateFieldId));
      const interval = fieldValue(filter.intervalFieldId);
      // Never done yet (no date): due now.
      return sql<boolean>`(${day} is null or coalesce(jsonb_typeof(${interval}) = 'number'
        and (${day} - ${todaySql}) + (${interval})::numeric <= 0, false))`;
    }
  }
}

function fieldValue(fieldId: string): RawBuilder<unknown> {
  return sql`r."values" -> ${fieldId}::text`;
}

/** JSON null, '', [] or a missing key: what the app's `isEmptyValue` calls empty. */
function isEmpty(value: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${value} is null or ${value} in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`;
}

/**
 * The day a `YYYY-MM-DD…` text starts with, else null — like the app's `dayNumber`, which reads
 * the three numbers through Date.UTC, so an out-of-range month or day rolls over (2025-02-30 is
 * March 2) instead of failing: months and days are added to January 1st the same way.
 */
function dayOf(value: RawBuilder<unknown>): RawBuilder<string | null> {
  const text = sql`(${value} #>> '{}')`;
  return sql`case when jsonb_typeof(${value}) = 'string' and ${text} ~ '^\\d{4}-\\d{2}-\\d{2}'
    then (make_date(greatest(substr(${text}, 1, 4)::int, 1), 1, 1)
      + (substr(${text}, 6, 2)::int - 1) * interval '1 month'
      + (substr(${text}, 9, 2)::int - 1) * interval '1 day')::date
    end`;
}
