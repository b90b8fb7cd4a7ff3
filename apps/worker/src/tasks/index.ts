import type { TaskName } from '@app/db';
import type { Task } from 'graphile-worker';
import type { TaskDependencies } from './context.ts';
import { generateApp } from './generate-app.ts';
import { questioningTurn } from './questioning-turn.ts';
import { wrapTask } from './wrap-task.ts';

export type { TaskContext, TaskDependencies, TaskHandler } from './context.ts';
export { wrapTask } from './wrap-task.ts';

/**
 * The explicit task list (no task directory: nothing is discovered from the file system): one
 * handler for every task of db's `taskContracts`, and no other.
 */
export function createTaskList(deps: TaskDependencies): Record<TaskName, Task> {
  return {
    questioning_turn: wrapTask(deps, 'questioning_turn', questioningTurn),
    generate_app: wrapTask(deps, 'generate_app', generateApp),
  } satisfies Record<TaskName, Task>;
}
