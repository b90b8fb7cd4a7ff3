/** ANSI styling, only when the output is a terminal that shows it (not in logs and pipes). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const ansiStyle: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  green: wrap(32, 39),
  red: wrap(31, 39),
  cyan: wrap(36, 39),
};

const identity = (text: string) => text;
export const plainStyle: Style = {
  bold: identity,
  dim: identity,
  green: identity,
  red: identity,
  cyan: identity,
};
