/** A wrong command line: said in one line, with the usage. */
export class UsageError extends Error {}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

/** Runs a command's `main`, printing a wrong command line with the usage (exit 2) and any other error in one line (exit 1). */
export function runCommand(main: () => Promise<void> | void, help: string) {
  Promise.resolve()
    .then(main)
    .catch((error) => {
      const message = error instanceof UsageError ? `${error.message}\n\n${help}` : (error as Error).message;
      process.stderr.write(`${message}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    });
}
