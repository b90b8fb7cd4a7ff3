export {
  createOfflineModel,
  type OfflineTaskHandler,
  offlineModelName,
  questioningHandlers,
} from './offline-model.ts';
