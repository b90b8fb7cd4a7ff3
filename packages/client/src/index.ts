export {
  type AppRouter,
  type BuilderClient,
  type BuilderClientOptions,
  createBuilderClient,
  type RouterInputs,
  type RouterOutputs,
  trpcUrl,
} from './client.ts';
export { type CookieJar, createCookieJar, sessionCookieName, storeSessionCookie } from './cookie-jar.ts';
export { isBuilderClientError, isMissingProcedure, isUnreachable, trpcErrorCode } from './errors.ts';
export {
  answerRecommended,
  isFinished,
  type Job,
  type JobMoment,
  openQuestion,
  type RunToCompletionOptions,
  runToCompletion,
  type WaitForOptions,
  WaitForTimeoutError,
  waitFor,
} from './jobs.ts';
export { exportVersion, publishVersion, UnsupportedProcedureError } from './newer-procedures.ts';
export { type CookieSession, type Credentials, signInWithCookie, signUpWithCookie } from './session.ts';
