/** How long-running jobs report progress; the CLI draws a bar on a terminal and logs lines otherwise. */
export interface Progress {
  start(total: number, unit: string): void;
  update(done: number, info?: Record<string, number>): void;
  stop(): void;
}

export const noProgress: Progress = {
  start: () => undefined,
  update: () => undefined,
  stop: () => undefined,
};
