import { createContext, useContext } from 'react';
import type { RecordsStore } from './data/use-records';
import type { ExtensionData } from './extensions';
import type { ExtensionRegistry } from './logic/extension-registry';
import type { AppModel } from './logic/model';
import type { CellText } from './logic/query';
import type { Route } from './logic/route';
import type { AppEntity, AppRecord, RecordValues } from './schema';

export interface FormRequest {
  entityId: string;
  /** null: a new record. */
  recordId: string | null;
  /** Values a new record starts with (the Tool a new Loan is for, the board column it was added to). */
  preset: RecordValues | null;
}

export interface AppState {
  model: AppModel;
  store: RecordsStore;
  /** The viewer's today (YYYY-MM-DD), fixed for the visit. */
  today: string;
  route: Route;
  /** Bumped by every navigation, so opening a view again starts it afresh (search and filters cleared). */
  visit: number;
  navigate(route: Route): void;
  openForm(request: FormRequest): void;
  notify(message: string): void;
  titleOf(entity: AppEntity, record: AppRecord): string;
  cellText: CellText;
  /** The custom code's views, field renderers and actions that fit this blueprint. */
  extensions: ExtensionRegistry;
  /** What custom code may do with the records: the same store the screens use. */
  extensionData: ExtensionData;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the app');
  return state;
}
