// POSIX shell quoting for the one place a command crosses a shell: ssh exec hands the
// remote user's login shell a single string. Inside single quotes nothing is special
// except the quote itself, which is closed, escaped and reopened: ' → '\''.

export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a shell argument cannot contain a NUL byte");
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** argv → one command line where every word, the program included, is quoted. */
export function shellCommandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error("empty command");
  return argv.map(shellQuote).join(" ");
}
