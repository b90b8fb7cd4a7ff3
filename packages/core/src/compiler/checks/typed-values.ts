import type { CheckPage } from '../../validation/browser/checks.ts';
import { addDays } from '../template/src/logic/dates.ts';
import { formatValue } from '../template/src/logic/format.ts';
import { referenceOptions } from '../template/src/logic/picker.ts';
import type { AppEntity, AppField, FieldValue } from '../template/src/schema.ts';
import { type PageSample, selectors } from './context.ts';

/** One value a check types into a form: how to enter it, what is stored, and how it then reads. */
export interface TypedValue {
  field: AppField;
  enter(page: CheckPage): Promise<void>;
  stored: FieldValue;
  /** The value as the app displays it (a reference: the picked record's title). */
  shown: string;
}

/**
 * The values a check enters for a new record of `entity` (`tag` keeps them apart from every other
 * record: "Check 3"). Fields no value can be typed into (a choice without options yet, a reference
 * to an entity with no records) are left empty.
 */
export function typedValues(entity: AppEntity, tag: string, sample: PageSample, variant = 0): TypedValue[] {
  return entity.fields.flatMap((field) => {
    const value = typedValue(entity, field, tag, sample, variant);
    return value ? [value] : [];
  });
}

export function typedValue(
  entity: AppEntity,
  field: AppField,
  tag: string,
  sample: PageSample,
  variant = 0,
): TypedValue | null {
  const at = selectors.formField(field.id);
  const fill = (text: string, stored: FieldValue = text, element = 'input'): TypedValue => ({
    field,
    enter: (page) => page.fill(`${at} ${element}`, text),
    stored,
    shown: shownValue(field, stored, sample),
  });
  const index = entity.fields.indexOf(field) + 1;
  switch (field.type) {
    case 'text':
      return fill(`${tag} ${variant === 0 ? 'Alpha' : 'Bravo'} ${index}`);
    case 'longText':
      return fill(`${tag} notes ${variant}`, `${tag} notes ${variant}`, 'textarea');
    case 'number': {
      const number = field.range
        ? Math.round((field.range.min + field.range.max) / 2) +
          (variant === 0 ? 0 : field.range.min < field.range.max ? -1 : 0)
        : 4217 + variant;
      return fill(String(number), number);
    }
    case 'money':
      return fill(variant === 0 ? '1250.5' : '99.95', variant === 0 ? 1250.5 : 99.95);
    case 'date': {
      const day = addDays(sample.today, 2 + variant);
      return fill(day);
    }
    case 'time':
      return fill(variant === 0 ? '14:30' : '08:05');
    case 'dateTime':
      return fill(`${addDays(sample.today, 2 + variant)}T${variant === 0 ? '09:15' : '16:40'}`);
    case 'email':
      return fill(`check.${variant}.${index}@example.com`);
    case 'phone':
      return fill(`(555) 019-22${String(index).padStart(2, '0')}`);
    case 'url':
      return fill(`https://example.com/check-${variant}-${index}`);
    case 'person':
      return fill(variant === 0 ? 'Casey Check' : 'Robin Check');
    case 'boolean':
      return {
        field,
        enter: (page) => page.click(`${at} input[type="checkbox"]`),
        stored: true,
        shown: 'Yes',
      };
    case 'choice': {
      const option = field.options[variant === 0 ? field.options.length - 1 : 0];
      if (option === undefined) return null;
      return { field, enter: (page) => page.select(`${at} select`, option), stored: option, shown: option };
    }
    case 'multiChoice': {
      const option = field.options[0];
      if (option === undefined) return null;
      return {
        field,
        enter: (page) => page.click(`${at} [data-option-index="0"] input`),
        stored: [option],
        shown: option,
      };
    }
    case 'reference': {
      // Everyday records come first in the sample: never the spare a later check deletes.
      const targetEntity = field.referenceEntityId ? sample.entity(field.referenceEntityId) : undefined;
      const record = targetEntity
        ? (sample.records(targetEntity.id)[variant] ?? sample.records(targetEntity.id)[0])
        : undefined;
      if (!record || !targetEntity) return null;
      const title = sample.title(targetEntity, record);
      // The picker's own label for it: records sharing a title are numbered there.
      const label =
        referenceOptions(sample.records(targetEntity.id), (other) => sample.title(targetEntity, other)).find(
          (option) => option.id === record.id,
        )?.label ?? title;
      return { field, enter: (page) => page.select(`${at} select`, label), stored: record.id, shown: title };
    }
  }
}

/** How the app shows a stored value (links drop their https://, as on screen). */
export function shownValue(field: AppField, stored: FieldValue, sample: PageSample): string {
  const text = formatValue(field, stored, (id) => {
    const target = field.referenceEntityId ? sample.entity(field.referenceEntityId) : undefined;
    const record = target ? sample.find(target.id, id) : undefined;
    return target && record ? sample.title(target, record) : '';
  });
  return field.type === 'url' ? text.replace(/^https?:\/\//i, '') : text;
}
