import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppContext, type AppState, type FormRequest } from './app-context';
import { blueprint } from './blueprint-data';
import { FormDialog } from './components/FormDialog';
import { Shell } from './components/Shell';
import { Toast } from './components/Toast';
import { chooseAdapter } from './data/choose-adapter';
import { useRecords } from './data/use-records';
import { localToday } from './logic/dates';
import { buildModel, recordTitle } from './logic/model';
import { displayText } from './logic/query';
import { parseRoute, type Route, routeHash } from './logic/route';
import { sampleAsOf } from './logic/sample';
import { sampleData } from './sample-data';
import './styles.css';

const model = buildModel(blueprint);
const entityIds = model.entities.map((entity) => entity.id);

function initialRoute(): Route {
  const parsed = typeof location === 'undefined' ? null : parseRoute(location.hash);
  if (parsed?.kind === 'view' && model.view(parsed.viewId)) return parsed;
  if (parsed?.kind === 'record' && model.entity(parsed.entityId)) return parsed;
  return { kind: 'view', viewId: model.views[0]?.id ?? '' };
}

export default function App() {
  const [today] = useState(() => localToday());
  const [adapter] = useState(() => chooseAdapter(sampleAsOf(blueprint, sampleData, today)));
  const store = useRecords(adapter, entityIds);
  const [route, setRoute] = useState(initialRoute);
  const [visit, setVisit] = useState(0);
  const [form, setForm] = useState<FormRequest | null>(null);
  const [toast, setToast] = useState<{ message: string; id: number } | null>(null);

  useEffect(() => {
    const onPop = () => setRoute(initialRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: Route) => {
    setRoute(next);
    setVisit((count) => count + 1);
    try {
      if (location.hash !== routeHash(next)) history.pushState(null, '', routeHash(next));
    } catch {
      // Some frames refuse history changes; the app still moves, only back does not.
    }
  }, []);
  const notify = useCallback((message: string) => setToast({ message, id: Date.now() }), []);
  const clearToast = useCallback(() => setToast(null), []);

  const state = useMemo<AppState>(() => {
    const lookup = (entityId: string, recordId: string) => store.find(entityId, recordId);
    const titleOf: AppState['titleOf'] = (entity, record) => recordTitle(model, entity, record, lookup);
    const cellText = displayText((field, id) => {
      const target = field.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
      const record = target ? store.find(target.id, id) : undefined;
      return target && record ? titleOf(target, record) : '';
    });
    return { model, store, today, route, visit, navigate, openForm: setForm, notify, titleOf, cellText };
  }, [navigate, notify, route, store, today, visit]);

  return (
    <AppContext value={state}>
      <Shell />
      {form ? <FormDialog request={form} onClose={() => setForm(null)} /> : null}
      {toast ? <Toast key={toast.id} message={toast.message} onDone={clearToast} /> : null}
    </AppContext>
  );
}
