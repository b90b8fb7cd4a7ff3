import { useApp } from '../app-context';
import type { AppView } from '../schema';
import { ViewIcon } from './ViewIcon';

/** The entities' views, grouped under each entity when there is more than one entity. */
export function Nav({ onNavigate }: { onNavigate: () => void }) {
  const { model, route, navigate } = useApp();
  const current = route.kind === 'view' ? model.view(route.viewId) : undefined;
  const activeEntity = route.kind === 'record' ? route.entityId : current?.entityId;
  const grouped = model.entities.length > 1;
  const link = (view: AppView) => (
    <li key={view.id}>
      <button
        type="button"
        className={current?.id === view.id ? 'nav-link active' : 'nav-link'}
        aria-current={current?.id === view.id ? 'page' : undefined}
        data-nav-view-id={view.id}
        onClick={() => {
          navigate({ kind: 'view', viewId: view.id });
          onNavigate();
        }}
      >
        <ViewIcon kind={view.kind} />
        <span>{view.title}</span>
      </button>
    </li>
  );
  return (
    <nav className="nav" aria-label="Views">
      {model.entities.map((entity) => {
        const views = model.views.filter((view) => view.entityId === entity.id);
        if (views.length === 0) return null;
        return (
          <div key={entity.id} className="nav-group" data-entity-id={entity.id}>
            {grouped ? (
              <p className={activeEntity === entity.id ? 'nav-heading active' : 'nav-heading'}>
                {entity.pluralName}
              </p>
            ) : null}
            <ul>{views.map(link)}</ul>
          </div>
        );
      })}
    </nav>
  );
}
