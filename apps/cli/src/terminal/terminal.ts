import { createInterface, emitKeypressEvents } from 'node:readline';

export interface Key {
  /** readline's key name (`up`, `down`, `return`, `backspace`, `s` …), when it has one. */
  name: string | undefined;
  /** The characters typed (`2`, `s`, an escape sequence). */
  sequence: string;
  ctrl: boolean;
}

/**
 * The CLI's view of its terminal. Interactive (stdin and stdout are TTYs): keys arrive one by one
 * in raw mode, and Ctrl-C is a key we turn into `onInterrupt` (the terminal sends no SIGINT in raw
 * mode). Otherwise (a script, a pipe): input is read line by line and SIGINT is the interrupt.
 */
export interface Terminal {
  readonly interactive: boolean;
  write(text: string): void;
  /** The next key (interactive terminals only). */
  readKey(): Promise<Key>;
  /**
   * A line of input; `hidden` echoes nothing (passwords); `exclusive` takes every key while it is
   * open, ahead of any other reader (a prompt over a waiting card).
   */
  readLine(prompt: string, options?: { hidden?: boolean; exclusive?: boolean }): Promise<string>;
  /** Called on Ctrl-C. Without a handler, Ctrl-C exits at once. */
  onInterrupt(handler: (() => void) | null): void;
  close(): void;
}

export function createTerminal(input: NodeJS.ReadStream, output: NodeJS.WriteStream): Terminal {
  const interactive = Boolean(input.isTTY && output.isTTY);
  let interruptHandler: (() => void) | null = null;
  const interrupt = () => {
    if (interruptHandler) interruptHandler();
    else {
      output.write('\n');
      process.exit(130);
    }
  };
  return interactive
    ? createKeyTerminal(input, output, interrupt, (handler) => {
        interruptHandler = handler;
      })
    : createLineTerminal(input, output, interrupt, (handler) => {
        interruptHandler = handler;
      });
}

function createKeyTerminal(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  interrupt: () => void,
  setInterrupt: (handler: (() => void) | null) => void,
): Terminal {
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  // Keys go to the topmost reader: an interrupt's "Cancel the job? (y/N)" takes every key while it
  // is open (an exclusive line), even though a question card below it is still waiting for one.
  // A key arriving between two reads of that line must not fall through to the card, so each
  // reader has its own queue rather than one shared list of waiters.
  interface KeySink {
    queue: Key[];
    waiter: ((key: Key) => void) | null;
  }
  const base: KeySink = { queue: [], waiter: null };
  const sinks: KeySink[] = [base];
  const onKeypress = (sequence: string | undefined, key: Partial<Key> | undefined) => {
    const typed: Key = {
      name: key?.name,
      sequence: sequence ?? key?.sequence ?? '',
      ctrl: Boolean(key?.ctrl),
    };
    if (typed.ctrl && typed.name === 'c') return interrupt();
    const sink = sinks.at(-1) ?? base;
    const waiter = sink.waiter;
    sink.waiter = null;
    if (waiter) waiter(typed);
    else sink.queue.push(typed);
  };
  input.on('keypress', onKeypress);
  const readKeyFrom = (sink: KeySink) =>
    new Promise<Key>((resolve) => {
      const next = sink.queue.shift();
      if (next) resolve(next);
      else sink.waiter = resolve;
    });
  const readKey = () => readKeyFrom(base);
  const readLineFrom = async (sink: KeySink, prompt: string, hidden: boolean) => {
    output.write(prompt);
    let line = '';
    for (;;) {
      const key = await readKeyFrom(sink);
      if (key.name === 'return' || key.name === 'enter') {
        output.write('\n');
        return line;
      }
      if (key.name === 'backspace') {
        if (line.length > 0 && !hidden) output.write('\b \b');
        line = line.slice(0, -1);
      } else if (!key.sequence.startsWith('\u001b') && key.sequence >= ' ') {
        // One character, or a paste arriving as one chunk.
        line += key.sequence;
        if (!hidden) output.write(key.sequence);
      }
    }
  };
  return {
    interactive: true,
    write: (text) => output.write(text),
    readKey,
    async readLine(prompt, options = {}) {
      if (!options.exclusive) return readLineFrom(base, prompt, Boolean(options.hidden));
      const sink: KeySink = { queue: [], waiter: null };
      sinks.push(sink);
      try {
        return await readLineFrom(sink, prompt, Boolean(options.hidden));
      } finally {
        sinks.splice(sinks.indexOf(sink), 1);
      }
    },
    onInterrupt: setInterrupt,
    close() {
      input.off('keypress', onKeypress);
      input.setRawMode(false);
      input.pause();
    },
  };
}

function createLineTerminal(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  interrupt: () => void,
  setInterrupt: (handler: (() => void) | null) => void,
): Terminal {
  process.on('SIGINT', interrupt);
  let lines: AsyncIterator<string> | null = null;
  let reader: ReturnType<typeof createInterface> | null = null;
  return {
    interactive: false,
    write: (text) => output.write(text),
    readKey: () => Promise.reject(new Error('This terminal is not interactive: no keys to read')),
    async readLine(prompt) {
      output.write(prompt);
      if (!reader) {
        reader = createInterface({ input, terminal: false });
        lines = reader[Symbol.asyncIterator]();
      }
      const next = await (lines as AsyncIterator<string>).next();
      output.write('\n');
      return next.done ? '' : next.value;
    },
    onInterrupt: setInterrupt,
    close() {
      process.off('SIGINT', interrupt);
      reader?.close();
    },
  };
}
