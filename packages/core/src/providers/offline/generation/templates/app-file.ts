import { type AppSpec, identifier } from '../app-spec.ts';

type Tab = { id: 'dashboard' | 'list' | 'board' | 'calendar'; label: string };

const tab = (id: Tab['id'], label: string): Tab => ({ id, label });

export function tabsFor(spec: AppSpec): Tab[] {
  const plural = spec.record.plural.charAt(0).toUpperCase() + spec.record.plural.slice(1);
  return [
    ...(spec.views.dashboard ? [tab('dashboard', 'Overview')] : []),
    tab('list', `All ${plural.toLowerCase()}`),
    ...(spec.views.board ? [tab('board', 'Board')] : []),
    ...(spec.views.calendar ? [tab('calendar', 'Calendar')] : []),
  ];
}

/**
 * `src/App.tsx`: the shell — header, navigation between the views this app has, and the form
 * dialog. The tab labels come from the data module; only the fixed view ids are written here.
 */
export function appFile(spec: AppSpec): string {
  const tabs = tabsFor(spec);
  const name = identifier(spec.record.typeName);
  const imports = [
    ...(spec.views.board ? ["import { StatusBoard } from './components/StatusBoard';"] : []),
    ...(spec.views.calendar ? ["import { CalendarView } from './components/CalendarView';"] : []),
    ...(spec.views.dashboard ? ["import { Dashboard } from './components/Dashboard';"] : []),
  ];
  const views = [
    ...(spec.views.dashboard ? ["      {view === 'dashboard' && <Dashboard items={visible} />}"] : []),
    "      {view === 'list' && <RecordTable items={visible} onEdit={openEdit} onDelete={confirmDelete} />}",
    ...(spec.views.board
      ? [
          "      {view === 'board' && <StatusBoard items={visible} onMove={records.move} onEdit={openEdit} />}",
        ]
      : []),
    ...(spec.views.calendar
      ? ["      {view === 'calendar' && <CalendarView items={visible} onEdit={openEdit} />}"]
      : []),
  ];
  const firstTab = tabs[0]?.id ?? 'list';
  return `import { useCallback, useMemo, useState } from 'react';
${imports.join('\n')}
import { RecordForm } from './components/RecordForm';
import { RecordTable } from './components/RecordTable';
import { type Filters, Toolbar } from './components/Toolbar';
import { appData } from './app-data';
import { app, groupKey, titleKey } from './config';
import { downloadCsv, emptyDraft, matchesQuery, toDraft } from './lib/records';
import { useRecords } from './lib/useRecords';
import './styles.css';
import type { Draft, ${name} } from './types';

type View = ${tabs.map((tab) => JSON.stringify(tab.id)).join(' | ')};

const views: { id: View; label: string }[] = [...appData.tabs];

type Editing = { mode: 'create' } | { mode: 'edit'; item: ${name} } | null;

export default function App() {
  const records = useRecords();
  const [view, setView] = useState<View>(${JSON.stringify(firstTab)});
  const [filters, setFilters] = useState<Filters>({ query: '', status: 'all', group: '' });
  const [editing, setEditing] = useState<Editing>(null);

  const visible = useMemo(
    () =>
      records.items.filter(
        (item) =>
          matchesQuery(item, filters.query) &&
          (filters.status === 'all' || item.status === filters.status) &&
          (!groupKey || filters.group === '' || String(item[groupKey]) === filters.group),
      ),
    [records.items, filters],
  );

  const openEdit = useCallback((item: ${name}) => setEditing({ mode: 'edit', item }), []);
  const close = useCallback(() => setEditing(null), []);

  const confirmDelete = (item: ${name}) => {
    if (window.confirm('Delete "' + String(item[titleKey]) + '"? This cannot be undone.')) records.remove(item.id);
  };

  const save = (draft: Draft) => {
    if (editing?.mode === 'edit') records.update(editing.item.id, draft);
    else records.add(draft);
    setEditing(null);
  };

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{app.title}</h1>
          <p className="muted">{app.subtitle}</p>
        </div>
        <nav className="tabs" aria-label="Views">
          {views.map((tab) => (
            <button
              key={tab.id}
              type="button"
              className={view === tab.id ? 'tab active' : 'tab'}
              aria-current={view === tab.id ? 'page' : undefined}
              onClick={() => setView(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </nav>
      </header>
      <Toolbar
        filters={filters}
        onChange={setFilters}
        onCreate={() => setEditing({ mode: 'create' })}
        onExport={app.csvExport ? () => downloadCsv(visible, app.plural.replace(/\\s+/g, '-') + '.csv') : null}
        shown={visible.length}
        total={records.items.length}
      />
      <main>
${views.join('\n')}
      </main>
      {editing && (
        <RecordForm
          key={editing.mode === 'edit' ? editing.item.id : 'new'}
          mode={editing.mode}
          initial={editing.mode === 'edit' ? toDraft(editing.item) : emptyDraft()}
          onSave={save}
          onCancel={close}
        />
      )}
    </div>
  );
}
`;
}
