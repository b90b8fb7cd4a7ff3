export { type AppDomain, appDomains, genericDomain, type ViewKind } from './app-domains.ts';
export {
  createOfflineModel,
  type OfflineTaskHandler,
  offlineModelName,
  questioningHandlers,
} from './offline-model.ts';
