import { useApp } from '../app-context';
import type { ControlProps } from './FieldInput';

/** Picks a record of the referenced entity by its title. */
export function ReferencePicker({ field, common, value, onChange }: ControlProps) {
  const { model, store, titleOf } = useApp();
  const target = field.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
  if (!target) return <select {...common} disabled />;
  const options = store
    .records(target.id)
    .map((record) => ({ id: record.id, title: titleOf(target, record) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true }));
  return (
    <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">
        {options.length === 0 ? `No ${target.pluralName} yet` : `Choose ${target.name}…`}
      </option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.title}
        </option>
      ))}
    </select>
  );
}
