import { useApp } from '../app-context';
import type { AppView } from '../schema';
import { ViewIcon } from './ViewIcon';

/**
 * The entities' views, grouped under each entity when there is more than one entity, then the
 * views custom code registered (extensions.ts).
 */
export function Nav({ onNavigate }: { onNavigate: () => void }) {
  const { model, route, navigate, extensions } = useApp();
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
      {extensions.views.length > 0 ? (
        <div className="nav-group" data-custom-views="">
          {grouped ? <p className="nav-heading">More</p> : null}
          <ul>
            {extensions.views.map((view) => {
              const active = route.kind === 'custom' && route.viewId === view.id;
              return (
                <li key={view.id}>
                  <button
                    type="button"
                    className={active ? 'nav-link active' : 'nav-link'}
                    aria-current={active ? 'page' : undefined}
                    data-nav-custom-view-id={view.id}
                    onClick={() => {
                      navigate({ kind: 'custom', viewId: view.id });
                      onNavigate();
                    }}
                  >
                    <ViewIcon kind="list" />
                    <span>{view.title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
