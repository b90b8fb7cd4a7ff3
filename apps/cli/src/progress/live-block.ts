import type { Terminal } from '../terminal/terminal.ts';

/**
 * A block of lines kept current on screen. On a terminal it is redrawn in place (cursor up, clear
 * to the end); in a pipe or log each changed line is printed once, so a script's output reads as
 * a plain log of what happened.
 */
export class LiveBlock {
  private shown: string[] = [];

  constructor(private readonly terminal: Terminal) {}

  update(lines: string[]): void {
    if (this.terminal.interactive) {
      const up = this.shown.length > 0 ? `\u001b[${this.shown.length}A\r\u001b[J` : '';
      this.terminal.write(up + lines.map((line) => `${line}\n`).join(''));
      this.shown = lines;
      return;
    }
    const printed = new Set(this.shown);
    for (const line of lines) if (!printed.has(line)) this.terminal.write(`${line}\n`);
    this.shown = [...this.shown, ...lines.filter((line) => !printed.has(line))];
  }

  /** Lines written after this start below the block, which is no longer redrawn. */
  seal(): void {
    this.shown = [];
  }
}
