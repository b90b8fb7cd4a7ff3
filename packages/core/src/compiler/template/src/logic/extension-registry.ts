import type { CustomView, Extensions, FieldRenderer, RecordAction } from '../extensions';
import type { AppEntity, AppField } from '../schema';
import type { AppModel } from './model';

/**
 * The registered extensions the app can actually use. Custom code is written by a model against
 * the blueprint of its day and kept across recompiles, so it may name an entity or field the
 * blueprint has since dropped, repeat an id, or not have the shape its types promise (it is
 * untrusted code, type-checked only as far as a model's casts allow). Everything that does not
 * fit the current blueprint is left out here, once, so no screen has to guard against it.
 */
export interface ExtensionRegistry {
  /** Extra screens in registration order, each id once. */
  views: readonly CustomView[];
  view(id: string): CustomView | undefined;
  /** The renderer registered for this field of the blueprint, with the entity the field belongs to. */
  rendererFor(field: AppField): { render: FieldRenderer; entity: AppEntity } | undefined;
  actionsFor(entityId: string): readonly RecordAction[];
}

const isComponent = (value: unknown) =>
  typeof value === 'function' || (typeof value === 'object' && value !== null && '$$typeof' in value);
const isId = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

export function resolveExtensions(model: AppModel, extensions: Extensions | undefined): ExtensionRegistry {
  const views = new Map<string, CustomView>();
  for (const candidate of listOf(extensions?.views)) {
    const view = candidate as Partial<CustomView> | null;
    if (!view || !isId(view.id) || views.has(view.id) || !isComponent(view.component)) continue;
    views.set(view.id, {
      id: view.id,
      title: isId(view.title) ? view.title : view.id,
      component: view.component as CustomView['component'],
    });
  }

  const registered = extensions?.fieldRenderers;
  const renderers = new Map<AppField, { render: FieldRenderer; entity: AppEntity }>();
  if (registered && typeof registered === 'object') {
    for (const entity of model.entities) {
      for (const field of entity.fields) {
        // Own properties only: a field id like "constructor" must not find Object.prototype's.
        const render: unknown = Object.hasOwn(registered, field.id) ? registered[field.id] : undefined;
        if (isComponent(render)) renderers.set(field, { render: render as FieldRenderer, entity });
      }
    }
  }

  const actions = new Map<string, RecordAction[]>();
  const actionIds = new Set<string>();
  for (const candidate of listOf(extensions?.actions)) {
    const action = candidate as Partial<RecordAction> | null;
    if (!action || !isId(action.id) || !isId(action.entityId) || typeof action.run !== 'function') continue;
    if (!model.entity(action.entityId) || actionIds.has(action.id)) continue;
    actionIds.add(action.id);
    const list = actions.get(action.entityId) ?? [];
    list.push({
      id: action.id,
      label: isId(action.label) ? action.label : action.id,
      entityId: action.entityId,
      run: action.run,
    });
    actions.set(action.entityId, list);
  }

  return {
    views: [...views.values()],
    view: (id) => views.get(id),
    // Screens pass the blueprint's own field objects; an id match covers a copy of one.
    rendererFor: (field) =>
      renderers.get(field) ?? [...renderers].find(([known]) => known.id === field.id)?.[1],
    actionsFor: (entityId) => actions.get(entityId) ?? [],
  };
}
