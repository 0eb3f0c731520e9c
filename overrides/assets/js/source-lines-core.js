/* The lines a source page's address asks for, without the DOM (source-lines.js wires it to the
 * page; tests/js/source-lines-core.test.mjs runs it under node): "#L149" is one line,
 * "#L149-L190" (or "#L149-190") a range, as on GitHub. */
export function parseLines(hash, lineCount) {
  const m = /^#L(\d+)(?:-L?(\d+))?$/.exec(String(hash || ""));
  if (!m) return null;
  let first = Number(m[1]);
  let last = m[2] ? Number(m[2]) : first;
  if (last < first) [first, last] = [last, first];
  if (first < 1 || first > lineCount) return null;
  return { first, last: Math.min(last, lineCount) };
}
