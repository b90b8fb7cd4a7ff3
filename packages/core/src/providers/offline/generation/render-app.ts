import type { GenerationPhase } from '../../../generation/task-schemas.ts';
import type { AppSpec } from './app-spec.ts';
import { appDataPath } from './templates/app-data-file.ts';
import { appFile } from './templates/app-file.ts';
import { appDataModule, configFile, samplesFile, typesFile } from './templates/data-files.ts';
import {
  emptyStateFile,
  recordFormFile,
  recordTableFile,
  statusBadgeFile,
  toolbarFile,
} from './templates/form-table-files.ts';
import { recordsFile, recordsHookFile } from './templates/logic-files.ts';
import { stylesFile } from './templates/styles-file.ts';
import { calendarViewFile, dashboardFile, statusBoardFile } from './templates/view-files.ts';

export interface TemplateStep {
  title: string;
  phase: GenerationPhase;
  description: string;
  files: Record<string, string>;
}

/**
 * The whole app, grouped into the steps the plan shows. Rendering is pure and deterministic, so
 * the plan and every write step can re-derive it from the same input and agree.
 *
 * The person's words (names, labels, options, statuses, sample values) are written only into the
 * data module at `appDataPath`, through `toDataLiteral`; every other file is code that reads it and
 * varies per app only by identifiers (field keys, the record type name), booleans and numbers.
 * Step titles and descriptions are plan text for the person, never file content.
 */
export function renderAppSteps(spec: AppSpec): TemplateStep[] {
  const { singular, plural } = spec.record;
  const viewFiles: Record<string, string> = {
    ...(spec.views.board ? { 'src/components/StatusBoard.tsx': statusBoardFile() } : {}),
    ...(spec.views.calendar ? { 'src/components/CalendarView.tsx': calendarViewFile(spec) } : {}),
    ...(spec.views.dashboard ? { 'src/components/Dashboard.tsx': dashboardFile() } : {}),
  };
  const viewNames = [
    ...(spec.views.board ? ['a status board'] : []),
    ...(spec.views.calendar ? ['a calendar'] : []),
    ...(spec.views.dashboard ? ['an overview with charts'] : []),
  ];
  const steps: TemplateStep[] = [
    {
      title: `Data model and storage for ${plural}`,
      phase: 'scaffold',
      description: `The ${spec.record.typeName} type, its fields and statuses, and localStorage persistence.`,
      files: {
        [appDataPath]: appDataModule(spec),
        'src/types.ts': typesFile(spec),
        'src/config.ts': configFile(spec),
        'src/lib/useRecords.ts': recordsHookFile(),
        'src/App.tsx': appFile(spec),
      },
    },
    {
      title: `Create, edit, delete, search and filter ${plural}`,
      phase: 'logic',
      description: `Form, table, search and filters for ${plural}.`,
      files: {
        'src/lib/records.ts': recordsFile(spec),
        'src/components/Toolbar.tsx': toolbarFile(),
        'src/components/RecordForm.tsx': recordFormFile(),
        'src/components/RecordTable.tsx': recordTableFile(),
        'src/components/StatusBadge.tsx': statusBadgeFile(),
      },
    },
  ];
  if (viewNames.length > 0) {
    steps.push({
      title: `Views: ${viewNames.join(', ')}`,
      phase: 'logic',
      description: `Other ways to see ${plural}: ${viewNames.join(', ')}.`,
      files: viewFiles,
    });
  }
  steps.push(
    {
      title: 'Look and feel',
      phase: 'styling',
      description: 'One stylesheet with CSS variables, light and dark themes, responsive layout.',
      files: { 'src/styles.css': stylesFile(spec) },
    },
    {
      title: `Sample ${plural} and empty states`,
      phase: 'polish',
      description: `A fresh app opens on a few sample ${plural}; empty searches say what to do next (add a ${singular}).`,
      files: {
        'src/data/samples.ts': samplesFile(spec),
        'src/components/EmptyState.tsx': emptyStateFile(),
      },
    },
  );
  return steps;
}

export function renderAppFiles(spec: AppSpec): Map<string, string> {
  const files = new Map<string, string>();
  for (const step of renderAppSteps(spec))
    for (const [path, content] of Object.entries(step.files)) files.set(path, content);
  return files;
}
