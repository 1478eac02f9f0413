// The I/O a command may touch, injected so that commands can be tested without a process.
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface IO {
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Whether standard input is a terminal, known without creating the stdin stream. */
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Reads all of standard input as text, refused past a bound (README, "Limits"). */
  readStdin(what?: { what: string; limit: number }): Promise<string>;
  /**
   * Takes Ctrl-C over from the default (print "Cancelled." and exit 130 at once): the signal
   * aborts instead, and the command stops cleanly. A second Ctrl-C still exits at once.
   */
  takeOverInterrupt?(): AbortSignal;
}
