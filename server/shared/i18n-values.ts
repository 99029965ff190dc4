/**
 * Values for i18next with `$t(` kept from reading as nesting, on the server and in the client: a
 * user's text (a file, code or speaker name) must never be looked up as a message, and i18next's
 * nesting pattern backtracks exponentially on such text (a 30-character file name froze the server
 * for seconds). A word joiner, invisible, splits the sequence.
 */
export function defused(options: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'string' && value.includes('$t(')) (copy ??= { ...options })[name] = value.replaceAll('$t(', '$\u2060t(');
  }
  return copy ?? options;
}
