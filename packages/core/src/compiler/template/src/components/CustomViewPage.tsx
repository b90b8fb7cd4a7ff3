import { useApp } from '../app-context';
import { EmptyState } from './EmptyState';
import { ErrorBoundary } from './ErrorBoundary';

/** A view registered by custom code (src/custom/), framed like the blueprint's own views. */
export function CustomViewPage({ viewId }: { viewId: string }) {
  const { extensions, extensionData, visit } = useApp();
  const view = extensions.view(viewId);
  if (!view) return <EmptyState title="Nothing here" text="This view no longer exists." />;
  const Component = view.component;
  return (
    <section className="page" data-custom-view-id={view.id}>
      <header className="page-header">
        <div>
          <h1 className="page-title">{view.title}</h1>
        </div>
      </header>
      {/* Custom code is a model's: when it throws, only this view says so. */}
      <ErrorBoundary key={`${view.id}:${visit}`} label={view.title}>
        <Component data={extensionData} />
      </ErrorBoundary>
    </section>
  );
}
