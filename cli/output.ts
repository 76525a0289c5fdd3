/** Output helpers: results to stdout, diagnostics to stderr, JSON when asked. */

/** A stream the CLI writes to: process.stdout in a shell, a buffer when run in-process. */
export interface OutStream {
  write(chunk: string): unknown;
  /** Set on a terminal: `show` then ends the text with a newline for the prompt. */
  readonly isTTY?: boolean;
}

/** Where one run of the program writes, and the environment it reads (GLOSSA_LIBRARY, …). */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /**
   * Asks a person a question and returns the line they typed (null: no answer, e.g. end of
   * input). Present only when a person is at a terminal: a command that needs a confirmation
   * and finds none refuses rather than guessing.
   */
  ask?: (question: string) => Promise<string | null>;
}

/** One run's output: each command writes through this, never to process.stdout directly. */
export class Output {
  constructor(readonly io: CliIo) {}

  json(value: unknown): void {
    this.io.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }

  line(line = ''): void {
    this.io.stdout.write(line + '\n');
  }

  /** Text exactly as given (no newline added). */
  raw(text: string): void {
    this.io.stdout.write(text);
  }

  warn(line: string): void {
    this.io.stderr.write(line + '\n');
  }
}

/** A plain-text table with left-aligned columns, sized to the widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Shortens one-line text for a table cell. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1) + '…';
}
