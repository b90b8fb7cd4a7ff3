import { Logger as GraphileLogger } from 'graphile-worker';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFields = Record<string, unknown>;

/** The worker's logger: one JSON line per message. Passed down, never imported as a global. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same logger with `fields` added to every line (e.g. the task and graphile job id). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stderr by default (stdout stays free for anything a caller pipes). */
  write?: (line: string) => void;
  fields?: LogFields;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = logLevels.indexOf(options.level);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (bound: LogFields): Logger => {
    const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
      if (logLevels.indexOf(level) < threshold) return;
      // JSON lines, the same shape as the server's: level, time, msg, then the fields.
      write(safeJson({ level, time: new Date().toISOString(), msg: message, ...bound, ...fields }));
    };
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

function safeJson(value: LogFields): string {
  try {
    return JSON.stringify(value, (_key, field: unknown) =>
      field instanceof Error ? { name: field.name, message: field.message } : field,
    );
  } catch {
    return '{"unserializable":true}';
  }
}

/**
 * graphile-worker's logger, writing through ours. Its `info` lines are per job ("Completed task …")
 * and per start-up, which at hundreds of jobs a second is noise: they go to `debug`. Its messages
 * already carry the error and stack; the meta object (whole job rows) is left out.
 */
export function toGraphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const scoped = logger.child({ graphile: scope.label ?? 'worker' });
    return (level, message) => {
      const name: string = level;
      if (name === 'error') scoped.error(message);
      else if (name === 'warning') scoped.warn(message);
      else scoped.debug(message);
    };
  });
}
