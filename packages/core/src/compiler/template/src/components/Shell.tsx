import { useState } from 'react';
import { useApp } from '../app-context';
import { CustomViewPage } from './CustomViewPage';
import { Nav } from './Nav';
import { RecordPage } from './RecordPage';
import { ThemeToggle, useTheme } from './Theme';
import { ViewPage } from './ViewPage';

/** The frame: a sidebar of entities and views (a drawer behind a menu button on a phone) and the page. */
export function Shell() {
  const { model, route, today, store } = useApp();
  const [theme, setTheme] = useTheme();
  const [menuOpen, setMenuOpen] = useState(false);
  const title = model.blueprint.title;
  const audience = model.blueprint.audience;
  return (
    <div className="app" data-theme={theme} data-testid="app">
      <span data-testid="today" hidden>
        {today}
      </span>
      <header className="topbar">
        <button
          type="button"
          className="icon-button"
          aria-label="Menu"
          aria-expanded={menuOpen}
          data-testid="menu-button"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
        <span className="topbar-title">{title}</span>
        <ThemeToggle theme={theme} onChange={setTheme} />
      </header>
      <aside className={menuOpen ? 'sidebar open' : 'sidebar'}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            {title.trim().charAt(0).toUpperCase() || 'A'}
          </span>
          <span className="brand-text">
            <span className="brand-title">{title}</span>
            {audience.length > 0 ? (
              <span className="brand-audience" data-testid="audience">
                For {audienceList(audience)}
              </span>
            ) : null}
          </span>
        </div>
        <Nav onNavigate={() => setMenuOpen(false)} />
        <div className="sidebar-footer">
          <ThemeToggle theme={theme} onChange={setTheme} />
        </div>
      </aside>
      {menuOpen ? (
        <button type="button" className="scrim" aria-label="Close menu" onClick={() => setMenuOpen(false)} />
      ) : null}
      <main className="main">
        {store.status === 'loading' ? (
          <p className="muted loading">Loading…</p>
        ) : store.status === 'failed' ? (
          <div className="notice danger" role="alert">
            The records could not be loaded: {store.error}
          </div>
        ) : route.kind === 'record' ? (
          <RecordPage entityId={route.entityId} recordId={route.recordId} />
        ) : route.kind === 'custom' ? (
          <CustomViewPage viewId={route.viewId} />
        ) : (
          <ViewPage viewId={route.viewId} />
        )}
      </main>
    </div>
  );
}

/** "dispatchers", "dispatchers and drivers", "dispatchers, drivers and the finance team". */
function audienceList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
