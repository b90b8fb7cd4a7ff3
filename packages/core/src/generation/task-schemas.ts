import { z } from 'zod';
import { Blueprint } from '../blueprint/blueprint.ts';
import { FactTopic } from '../ledger.ts';

/**
 * The contract between the generator and any model: task names, the structured input each task
 * receives and the output it must return. Outputs follow OpenAI strict mode: every field
 * required, `.nullable()` instead of `.optional()`. The offline provider answers from the inputs.
 */
export const generationTasks = {
  /** After compiling (LLM providers): files under src/custom/ for what the blueprint leaves out. */
  customise: 'generation.customise',
  fix: 'generation.fix',
} as const;

/**
 * Limits on what a model may hand back (docs/architecture.md#security: generated code is untrusted, and so is its
 * size). An output over any of them fails its schema, so the provider reports it as invalid
 * output (`ModelSchemaMismatchError`) like any other malformed reply. They are also written into
 * the JSON schema sent to the model (`maxItems`, `maxLength`), so a well-behaved model stays inside.
 */
export const generationLimits = {
  /** Files one step (or fix) may write, and paths it may delete. */
  maxFilesPerChange: 60,
  /** One file's content, in UTF-8 bytes (≈ 200 KB). */
  maxFileBytes: 200 * 1024,
  maxPathLength: 200,
} as const;

/** UTF-8 length without allocating an encoded copy. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

const FilePath = z.string().max(generationLimits.maxPathLength);

/** A file as the builder holds it (inputs: the current version, files so far). */
export const SourceFile = z.object({ path: z.string(), content: z.string() });
export type SourceFile = z.infer<typeof SourceFile>;

/** A file a model writes: path and size capped. */
export const WrittenFile = z.object({
  path: FilePath,
  content: z
    .string()
    .max(generationLimits.maxFileBytes)
    .refine((content) => utf8Length(content) <= generationLimits.maxFileBytes, {
      message: `a file may be at most ${generationLimits.maxFileBytes} bytes`,
    }),
});

export const LedgerFactView = z.object({
  kind: z.enum(['goal', 'requirement', 'ui', 'unknown', 'assumption']),
  text: z.string(),
  topic: FactTopic.nullable(),
});
export type LedgerFactView = z.infer<typeof LedgerFactView>;

const ProblemView = z.object({
  path: z.string(),
  line: z.number().int().nullable(),
  message: z.string(),
  source: z.enum(['bundle', 'types', 'render', 'check']),
});

/** The compiled app as a model customising or fixing it sees it. */
const CompiledAppView = z.object({
  /** Every file path of the compiled app (derived from the blueprint; a model never edits these). */
  paths: z.array(z.string()),
  /** The files a model needs to write against: the extension points' types and the data modules. */
  api: z.array(SourceFile),
});

export const CustomiseInput = z.object({
  kind: z.enum(['create', 'change']),
  request: z.string(),
  /** What the person asked for that the blueprint does not carry: the customisation's brief. */
  requirements: z.array(LedgerFactView),
  blueprint: Blueprint,
  app: CompiledAppView,
  /** The custom files so far (the previous version's, kept across recompiles). */
  customFiles: z.array(SourceFile),
});
export type CustomiseInput = z.infer<typeof CustomiseInput>;

/** Complete new contents of the files written, plus paths this step removes. */
export const FileChanges = z.object({
  files: z.array(WrittenFile).max(generationLimits.maxFilesPerChange),
  deletedPaths: z.array(FilePath).max(generationLimits.maxFilesPerChange),
});
export type FileChanges = z.infer<typeof FileChanges>;

export const FixInput = z.object({
  request: z.string(),
  requirements: z.array(LedgerFactView),
  blueprint: Blueprint,
  attempt: z.number().int().positive(),
  app: CompiledAppView,
  /** The custom files, the only ones a fix may change (the rest is recompiled from the blueprint). */
  customFiles: z.array(SourceFile),
  problems: z.array(ProblemView),
});
export type FixInput = z.infer<typeof FixInput>;
