import { useApp } from '../app-context';
import { isEmptyValue } from '../logic/format';
import { readValue } from '../logic/model';
import type { AppField, AppRecord } from '../schema';
import { ErrorBoundary } from './ErrorBoundary';

/** The colour slot of an option: its place in the option list, so statuses keep their colours. */
export function badgeTone(field: AppField, option: string): number {
  const index = field.options.indexOf(option);
  return index < 0 ? 0 : (index % 8) + 1;
}

export function Badge({ field, option }: { field: AppField; option: string }) {
  return (
    <span className="badge" data-tone={badgeTone(field, option)}>
      {option}
    </span>
  );
}

const safeUrl = (text: string) => (/^https?:\/\//i.test(text) ? text : undefined);

/**
 * A field's value wherever records are shown (tables, cards, details): the renderer custom code
 * registered for the field (extensions.ts), or the built-in display. A renderer that throws falls
 * back to the built-in display for that one value.
 */
export function ValueView({ field, record }: { field: AppField; record: AppRecord }) {
  const { extensions, cellText } = useApp();
  const custom = extensions.rendererFor(field);
  if (!custom) return <BuiltInValue field={field} record={record} />;
  const Render = custom.render;
  return (
    <ErrorBoundary label={field.name} fallback={<BuiltInValue field={field} record={record} />}>
      <span className="custom-value" data-custom-renderer={field.id}>
        <Render
          field={field}
          value={readValue(record, field.id)}
          text={cellText(field, record)}
          record={record}
          entity={custom.entity}
        />
      </span>
    </ErrorBoundary>
  );
}

/** A value as a person reads it: badges for options, links for contacts, the title of a reference. */
function BuiltInValue({ field, record }: { field: AppField; record: AppRecord }) {
  const { model, store, cellText, navigate } = useApp();
  const value = readValue(record, field.id);
  if (isEmptyValue(value)) return <span className="empty-value">—</span>;
  const text = cellText(field, record);
  switch (field.type) {
    case 'choice':
      return <Badge field={field} option={String(value)} />;
    case 'multiChoice':
      return (
        <span className="badges">
          {(Array.isArray(value) ? value : [String(value)]).map((option) => (
            <Badge key={option} field={field} option={option} />
          ))}
        </span>
      );
    case 'boolean':
      return <span className={value === true ? 'bool yes' : 'bool no'}>{text}</span>;
    case 'email':
      return (
        <a className="link" href={`mailto:${text}`}>
          {text}
        </a>
      );
    case 'phone':
      return (
        <a className="link" href={`tel:${text.replace(/[^\d+]/g, '')}`}>
          {text}
        </a>
      );
    case 'url':
      return (
        <a className="link" href={safeUrl(text)} target="_blank" rel="noreferrer noopener">
          {text.replace(/^https?:\/\//i, '')}
        </a>
      );
    case 'person':
      return (
        <span className="person">
          <span className="avatar" aria-hidden="true">
            {initials(text)}
          </span>
          {text}
        </span>
      );
    case 'reference': {
      const target = field.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
      const exists = target && typeof value === 'string' && store.find(target.id, value);
      if (!target || !exists || typeof value !== 'string') return <span className="empty-value">—</span>;
      return (
        <button
          type="button"
          className="link reference"
          onClick={(event) => {
            event.stopPropagation();
            navigate({ kind: 'record', entityId: target.id, recordId: value });
          }}
        >
          {text}
        </button>
      );
    }
    case 'number':
    case 'money':
      return <span className="numeric">{text}</span>;
    case 'longText':
      return <span className="long-text">{text}</span>;
    default:
      return <span>{text}</span>;
  }
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    parts.length > 1
      ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}`
      : (parts[0]?.slice(0, 2) ?? '')
  ).toUpperCase();
}
