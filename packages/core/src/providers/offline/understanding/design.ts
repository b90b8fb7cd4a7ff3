import type {
  Blueprint,
  Entity,
  Field,
  FieldType,
  NumberRange,
  View,
  ViewFilter,
} from '../../../blueprint/blueprint.ts';
import { emptyBlueprint } from '../../../blueprint/blueprint.ts';
import { nameKey } from '../../../blueprint/validate-blueprint.ts';
import type { FieldPhrase } from './field-phrase.ts';
import { inferType } from './field-type.ts';
import { pluralize, singularize, slug } from './inflect.ts';
import type { EntityName } from './noun-phrase.ts';
import { statusHeads } from './words.ts';

/** A ledger-fact-sized sentence the text said, cited by the blueprint elements it produced. */
export interface Statement {
  /** Local id ("s1"); the caller maps it to the fact's id. */
  id: string;
  kind: 'goal' | 'requirement' | 'ui' | 'assumption';
  text: string;
}

export interface FieldSpec {
  name: string;
  type: FieldType;
  options?: readonly string[];
  range?: NumberRange | null;
  referenceEntityId?: string | null;
}

export interface ViewSpec {
  kind: View['kind'];
  title: string;
  entity: Entity;
  groupByFieldId?: string | null;
  dateFieldId?: string | null;
  filter?: ViewFilter | null;
  aggregate?: View['aggregate'];
}

/**
 * The blueprint being understood, with the operations the readers use. Existing elements keep
 * their ids; new ones get deterministic slugs made unique, so the same text always gives the same
 * ids and an answer never renumbers what the person has seen.
 */
export class Design {
  readonly blueprint: Blueprint;
  readonly statements: Statement[] = [];
  /** The record the text is mostly about: fields without a named owner go here. */
  main: Entity | null = null;
  /** A name to create the main record from if something needs it ("Car wash bookings: customers pick …"). */
  pendingMain: EntityName | null = null;

  /**
   * Fields a reader supplied rather than read ("Lent" / "Returned" on a loan the person only named
   * with a verb): dropped when the person states the record's own dates (`settleSuppliedDates` in finalize.ts).
   */
  readonly suppliedDates = new Set<string>();
  /** Entities the base already had: the person has seen them, so nothing read now removes them. */
  readonly baseEntityIds: ReadonlySet<string>;
  /** Entities a reader linked another record to ("members check tools out" → Loan → Member). */
  readonly linked = new Set<string>();

  private readonly ids = new Set<string>();
  /** Statement ids continue after any "sN" the base still cites, so a new one never means an old one. */
  private statementOffset = 0;

  constructor(base: Blueprint | null) {
    this.blueprint = base ? structuredClone(base) : emptyBlueprint();
    this.baseEntityIds = new Set(this.blueprint.entities.map((entity) => entity.id));
    for (const entity of this.blueprint.entities) {
      this.ids.add(entity.id);
      for (const field of entity.fields) this.ids.add(field.id);
    }
    for (const view of this.blueprint.views) this.ids.add(view.id);
    const cited = JSON.stringify(this.blueprint).match(/"s\d+"/g) ?? [];
    this.statementOffset = Math.max(0, ...cited.map((id) => Number(id.slice(2, -1))));
  }

  say(kind: Statement['kind'], text: string): string {
    const clean = text.replace(/\s+/g, ' ').trim().slice(0, 2_000);
    const existing = this.statements.find((statement) => statement.text === clean);
    if (existing) return existing.id;
    const id = `s${this.statementOffset + this.statements.length + 1}`;
    this.statements.push({ id, kind, text: clean });
    return id;
  }

  uniqueId(candidate: string): string {
    let id = candidate;
    for (let suffix = 2; this.ids.has(id); suffix++) id = `${candidate}-${suffix}`;
    this.ids.add(id);
    return id;
  }

  /** The entity a phrase names: by name, plural, or the head word ("requests" → Maintenance Request). */
  findEntity(phrase: string): Entity | null {
    const key = nameKey(phrase);
    if (!key) return null;
    if (['it', 'them', 'they', 'each one', 'one'].includes(key)) return this.main;
    const single = nameKey(singularize(key));
    const entities = this.blueprint.entities;
    const exact = entities.find((entity) =>
      [nameKey(entity.name), nameKey(entity.pluralName)].some((name) => name === key || name === single),
    );
    if (exact) return exact;
    const head = single.split(' ').pop() ?? single;
    return (
      entities.find((entity) => nameKey(entity.name).split(' ').pop() === head) ??
      entities.find((entity) => nameKey(entity.name).split(' ').includes(head) && head.length > 3) ??
      null
    );
  }

  entity(name: EntityName, source: string | null): Entity {
    const existing = this.findEntityExactly(name.name) ?? this.qualifiedAs(name.name);
    if (existing) {
      if (source) addSource(existing.sourceFactIds, source);
      return existing;
    }
    const entity: Entity = {
      id: this.uniqueId(slug(name.name)),
      name: name.name.slice(0, 120),
      pluralName: (name.pluralName || pluralize(name.name)).slice(0, 120),
      fields: [],
      statusFieldId: null,
      sourceFactIds: source ? [source] : [],
    };
    this.blueprint.entities.push(entity);
    this.main ??= entity;
    return entity;
  }

  /**
   * "IT asset register … Assets: asset tag, …": the bare head names the record already known with
   * a qualifier. Not when the qualifier is itself a record ("Order Item" is no "Item" of its own).
   */
  private qualifiedAs(name: string): Entity | null {
    const key = nameKey(name);
    if (!key || key.includes(' ')) return null;
    const matches = this.blueprint.entities.filter((entity) => {
      const words = nameKey(entity.name).split(' ');
      if (words.length < 2 || words[words.length - 1] !== key) return false;
      const qualifier = words.slice(0, -1).join(' ');
      return !this.blueprint.entities.some(
        (other) => other !== entity && [nameKey(other.name), nameKey(other.pluralName)].includes(qualifier),
      );
    });
    return matches.length === 1 ? (matches[0] as Entity) : null;
  }

  findEntityExactly(name: string): Entity | null {
    const key = nameKey(name);
    return (
      this.blueprint.entities.find(
        (entity) => nameKey(entity.name) === key || nameKey(entity.pluralName) === key,
      ) ?? null
    );
  }

  /** The main record, creating it from the pending name when the text needs one. */
  mainEntity(): Entity | null {
    if (this.main) return this.main;
    if (this.pendingMain)
      return this.entity(
        this.pendingMain,
        this.say('goal', `Tracks ${this.pendingMain.pluralName.toLowerCase()}`),
      );
    return null;
  }

  findField(entity: Entity, name: string): Field | null {
    const key = nameKey(name);
    return entity.fields.find((field) => nameKey(field.name) === key) ?? null;
  }

  addField(entity: Entity, spec: FieldSpec, source: string | null): Field {
    const existing = this.findField(entity, spec.name);
    if (existing) {
      if (source) addSource(existing.sourceFactIds, source);
      if ((spec.options?.length ?? 0) > 0 && existing.options.length === 0) {
        existing.options = uniqueOptions(spec.options ?? []);
        if (existing.type !== 'multiChoice') existing.type = 'choice';
      } else if (existing.type === 'text' && spec.type !== 'text') existing.type = spec.type;
      if (existing.type === 'reference' && !existing.referenceEntityId)
        existing.referenceEntityId = spec.referenceEntityId ?? null;
      if (existing.type !== 'reference') existing.referenceEntityId = null;
      return existing;
    }
    const field: Field = {
      id: this.uniqueId(`${entity.id}-${slug(spec.name)}`),
      name: spec.name.slice(0, 120),
      type: spec.type,
      options: spec.type === 'choice' || spec.type === 'multiChoice' ? uniqueOptions(spec.options ?? []) : [],
      required: false,
      referenceEntityId: spec.type === 'reference' ? (spec.referenceEntityId ?? null) : null,
      range: spec.type === 'number' ? (spec.range ?? null) : null,
      sourceFactIds: source ? [source] : [],
    };
    entity.fields.push(field);
    return field;
  }

  /** A field as the person phrased it; a workflow phrase also becomes the entity's status field. */
  addPhrase(entity: Entity, phrase: FieldPhrase, source: string | null): Field {
    const type = inferType(phrase.typeName, phrase.hints);
    const byName = type === 'text' ? inferType(phrase.name, phrase.hints) : type;
    const field = this.addField(
      entity,
      { name: phrase.name, type: byName, options: phrase.hints.options, range: phrase.hints.range },
      source,
    );
    const statusLike =
      phrase.status ||
      (field.type === 'choice' && statusHeads.has(field.name.toLowerCase().split(' ').pop() ?? ''));
    if (statusLike && (entity.statusFieldId === null || phrase.status)) {
      if (field.type !== 'choice') field.type = 'choice';
      entity.statusFieldId ??= field.id;
      if (phrase.status) entity.statusFieldId = field.id;
    }
    return field;
  }

  addReference(entity: Entity, name: string, target: Entity, source: string | null): Field {
    this.linked.add(target.id);
    const existing = this.findField(entity, name);
    if (existing) {
      existing.type = 'reference';
      existing.options = [];
      existing.range = null;
      existing.referenceEntityId = target.id;
      if (source) addSource(existing.sourceFactIds, source);
      return existing;
    }
    return this.addField(entity, { name, type: 'reference', referenceEntityId: target.id }, source);
  }

  addView(spec: ViewSpec, source: string | null): View {
    const title = spec.title.slice(0, 120);
    const existing = this.blueprint.views.find((view) => nameKey(view.title) === nameKey(title));
    if (existing) {
      if (source) addSource(existing.sourceFactIds, source);
      return existing;
    }
    const view: View = {
      id: this.uniqueId(`view-${slug(title)}`),
      kind: spec.kind,
      title,
      entityId: spec.entity.id,
      groupByFieldId: spec.groupByFieldId ?? null,
      dateFieldId: spec.dateFieldId ?? null,
      filter: spec.filter ?? null,
      aggregate: spec.aggregate ?? null,
      sourceFactIds: source ? [source] : [],
    };
    this.blueprint.views.push(view);
    return view;
  }

  addAudience(name: string, source: string): void {
    const key = nameKey(name);
    const existing = this.blueprint.audience.find((audience) => nameKey(audience.name) === key);
    if (existing) addSource(existing.sourceFactIds, source);
    else if (this.blueprint.audience.length < 20)
      this.blueprint.audience.push({ name: name.slice(0, 120), sourceFactIds: [source] });
  }

  setSharing(sharing: Blueprint['sharing'], source: string): void {
    this.blueprint.sharing = sharing;
    this.blueprint.sharingSourceFactIds = [source];
  }
}

export function addSource(list: string[], source: string): void {
  if (!list.includes(source)) list.push(source);
}

function uniqueOptions(options: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const option of options) {
    const key = nameKey(option);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(option.slice(0, 120));
  }
  return out.slice(0, 50);
}
