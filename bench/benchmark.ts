/** What `bench/run.ts` needs to know of a benchmark to list it and run it. */
export interface Benchmark {
  /** Name on the command line: `npm run bench -- <name>`. */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Runs the benchmark and prints its table. */
  run(): Promise<void>;
}
