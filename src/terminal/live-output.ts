/**
 * Log lines that scroll, with one status line pinned below them on a TTY: before a line is
 * printed the status line is cleared, after it the status is drawn again. Cursor moves use
 * node:readline's helpers. Without a TTY it is a plain line writer.
 */
import { clearLine, cursorTo } from 'node:readline';

export class LiveOutput {
  private status = '';

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly live: boolean,
  ) {}

  print(line: string): void {
    this.erase();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  setStatus(status: string): void {
    if (!this.live || status === this.status) return;
    this.erase();
    this.status = status;
    this.draw();
  }

  /** Leave the terminal with the cursor on a clean line. */
  clearStatus(): void {
    this.erase();
    this.status = '';
  }

  private erase(): void {
    if (!this.live || this.status === '') return;
    clearLine(this.stream, 0);
    cursorTo(this.stream, 0);
  }

  private draw(): void {
    if (this.live && this.status !== '') this.stream.write(this.status);
  }
}
