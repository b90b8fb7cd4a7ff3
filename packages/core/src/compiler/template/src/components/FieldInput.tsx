import type { ReactNode } from 'react';
import { useApp } from '../app-context';
import { formatMoney, parseNumber } from '../logic/format';
import { readValue } from '../logic/model';
import type { AppField } from '../schema';
import { ReferencePicker } from './ReferencePicker';

type DraftValue = string | boolean | readonly string[];

interface Props {
  field: AppField;
  value: DraftValue | undefined;
  error: string | null;
  onChange(value: DraftValue): void;
}

const inputTypes: Partial<Record<AppField['type'], string>> = {
  date: 'date',
  time: 'time',
  dateTime: 'datetime-local',
  email: 'email',
  phone: 'tel',
  url: 'url',
};

/** One field of a form: the input its type calls for, its label, and what is wrong with it. */
export function FieldInput({ field, value, error, onChange }: Props) {
  const id = `field-${field.id}`;
  const text = typeof value === 'string' ? value : '';
  const describedBy = error ? `${id}-error` : undefined;
  const common = {
    id,
    name: field.id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  let control: ReactNode;
  switch (field.type) {
    case 'longText':
      control = (
        <textarea {...common} rows={3} value={text} onChange={(event) => onChange(event.target.value)} />
      );
      break;
    case 'boolean':
      control = (
        <label className="check">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          <span>{field.name}</span>
        </label>
      );
      break;
    case 'choice':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{field.options.length === 0 ? 'No options yet' : `Choose ${field.name}…`}</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiChoice': {
      const chosen = Array.isArray(value) ? value : [];
      control = (
        <fieldset className="check-group" aria-labelledby={`${id}-label`}>
          {field.options.map((option, index) => (
            <label key={option} className="check" data-option-index={index}>
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(event) =>
                  onChange(
                    event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option),
                  )
                }
              />
              <span>{option}</span>
            </label>
          ))}
        </fieldset>
      );
      break;
    }
    case 'reference':
      control = <ReferencePicker field={field} common={common} value={text} onChange={onChange} />;
      break;
    case 'person':
      control = <PersonInput field={field} common={common} value={text} onChange={onChange} />;
      break;
    case 'number':
    case 'money':
      control = (
        <div className={field.type === 'money' ? 'affix money' : 'affix'}>
          <input
            {...common}
            type="text"
            inputMode="decimal"
            value={text}
            placeholder={field.range ? `${field.range.min}–${field.range.max}` : undefined}
            onChange={(event) => onChange(event.target.value)}
            onBlur={() => {
              const number = parseNumber(text);
              if (field.type === 'money' && number !== null) onChange(formatMoney(number));
            }}
          />
        </div>
      );
      break;
    default:
      control = (
        <input
          {...common}
          type={inputTypes[field.type] ?? 'text'}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
  return (
    <div
      className={error ? 'form-field invalid' : 'form-field'}
      data-field-id={field.id}
      data-field-type={field.type}
    >
      {field.type === 'boolean' ? null : (
        <label
          className="form-label"
          id={`${id}-label`}
          htmlFor={field.type === 'multiChoice' ? undefined : id}
        >
          {field.name}
          {field.required ? (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          ) : null}
        </label>
      )}
      {control}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface ControlProps {
  field: AppField;
  common: { id: string; name: string };
  value: string;
  onChange(value: string): void;
}

/** A name, with the people already named anywhere in the app offered as suggestions. */
function PersonInput({ field, common, value, onChange }: ControlProps) {
  const { model, store } = useApp();
  const names = new Set<string>();
  for (const entity of model.entities)
    for (const other of entity.fields.filter((candidate) => candidate.type === 'person'))
      for (const record of store.records(entity.id)) {
        const name = readValue(record, other.id);
        if (typeof name === 'string' && name !== '') names.add(name);
      }
  const listId = `${common.id}-people`;
  return (
    <>
      <input
        {...common}
        type="text"
        list={listId}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={`Name of the ${field.name.toLowerCase()}`}
      />
      <datalist id={listId}>
        {[...names].sort().map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
