export { type ModuleLoads, moduleLoadsOf, packageOf } from './module-loads.ts';
export {
  type CompletionReplyOptions,
  completionReply,
  errorReply,
  type OpenAiWireServer,
  type RecordedRequest,
  rateLimitReply,
  refusalReply,
  startOpenAiWireServer,
  type WireReply,
  writeWireReply,
} from './openai-wire-server.ts';
export {
  createScriptedModel,
  type RecordedModelCall,
  type ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedStep,
} from './scripted-model.ts';
export { createTestVerifier } from './test-verifier.ts';
