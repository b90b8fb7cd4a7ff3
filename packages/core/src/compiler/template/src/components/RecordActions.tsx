import { useState } from 'react';
import { useApp } from '../app-context';
import type { RecordAction } from '../extensions';
import type { AppEntity, AppRecord } from '../schema';

/**
 * The buttons custom code registered for this entity (extensions.ts `actions`). An action is a
 * model's code: whatever it throws or rejects with becomes a message, never an uncaught error.
 */
export function RecordActions({ entity, record }: { entity: AppEntity; record: AppRecord }) {
  const { extensions, extensionData, notify } = useApp();
  const [running, setRunning] = useState<string | null>(null);
  const actions = extensions.actionsFor(entity.id);
  if (actions.length === 0) return null;
  const run = async (action: RecordAction) => {
    setRunning(action.id);
    try {
      // Inside the promise, so an action that throws before returning is caught the same way.
      await Promise.resolve().then(() => action.run(record, extensionData));
    } catch (error) {
      notify(`${action.label} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setRunning(null);
    }
  };
  return (
    <>
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          className="button"
          data-testid="record-action"
          data-action-id={action.id}
          disabled={running !== null}
          onClick={() => void run(action)}
        >
          {action.label}
        </button>
      ))}
    </>
  );
}
