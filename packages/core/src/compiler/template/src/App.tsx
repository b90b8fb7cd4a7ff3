import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppContext, type AppState, type FormRequest } from './app-context';
import { blueprint } from './blueprint-data';
import { FormDialog } from './components/FormDialog';
import { Shell } from './components/Shell';
import { Toast } from './components/Toast';
import { extensions as registeredExtensions } from './custom/index';
import { chooseAdapter } from './data/choose-adapter';
import { useRecords } from './data/use-records';
import { localToday } from './logic/dates';
import { resolveExtensions } from './logic/extension-registry';
import { buildModel, recordTitle } from './logic/model';
import { displayText } from './logic/query';
import { parseRoute, type Route, routeHash } from './logic/route';
import { sampleAsOf } from './logic/sample';
import { sampleData } from './sample-data';
import type { RecordValues } from './schema';
import './styles.css';

const model = buildModel(blueprint);
const entityIds = model.entities.map((entity) => entity.id);
const extensions = resolveExtensions(model, registeredExtensions);

function initialRoute(): Route {
  const parsed = typeof location === 'undefined' ? null : parseRoute(location.hash);
  if (parsed?.kind === 'view' && model.view(parsed.viewId)) return parsed;
  if (parsed?.kind === 'record' && model.entity(parsed.entityId)) return parsed;
  if (parsed?.kind === 'custom' && extensions.view(parsed.viewId)) return parsed;
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
    // Custom code names entities by id; one the blueprint no longer has is refused, not created.
    const known = (entityId: string) => {
      if (!model.entity(entityId)) throw new Error(`This app has no records of kind "${entityId}"`);
      return entityId;
    };
    const extensionData = {
      blueprint: model.blueprint,
      records: (entityId: string) => store.records(entityId),
      create: (entityId: string, values: RecordValues) => store.create(known(entityId), values),
      update: (entityId: string, recordId: string, values: RecordValues) =>
        store.update(known(entityId), recordId, {
          ...store.find(entityId, recordId)?.values,
          ...values,
        }),
      notify,
    };
    return {
      model,
      store,
      today,
      route,
      visit,
      navigate,
      openForm: setForm,
      notify,
      titleOf,
      cellText,
      extensions,
      extensionData,
    };
  }, [navigate, notify, route, store, today, visit]);

  return (
    <AppContext value={state}>
      <Shell />
      {form ? <FormDialog request={form} onClose={() => setForm(null)} /> : null}
      {toast ? <Toast key={toast.id} message={toast.message} onDone={clearToast} /> : null}
    </AppContext>
  );
}
