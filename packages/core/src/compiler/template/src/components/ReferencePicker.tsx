import { useApp } from '../app-context';
import { referenceOptions } from '../logic/picker';
import type { ControlProps } from './FieldInput';

/** Picks a record of the referenced entity by its title. */
export function ReferencePicker({ field, common, value, onChange }: ControlProps) {
  const { model, store, titleOf } = useApp();
  const target = field.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
  if (!target) return <select {...common} disabled />;
  const options = referenceOptions(store.records(target.id), (record) => titleOf(target, record));
  return (
    <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">
        {options.length === 0 ? `No ${target.pluralName} yet` : `Choose ${target.name}…`}
      </option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
