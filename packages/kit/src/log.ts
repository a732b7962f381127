/** One line per event on stdout/stderr; `npm start` prefixes each line with the process name. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export function createLogger(name: string): Logger {
  const line = (message: string) => `${new Date().toISOString()} ${name}: ${message}`;
  return {
    info: (message) => process.stdout.write(line(message) + '\n'),
    error: (message) => process.stderr.write(line(message) + '\n'),
  };
}
