// Stands in for jsonc-parser's lib/esm/impl/string-intern.js in the bundle (scripts/build.mjs).
// The original builds 1,200 indentation strings when it loads, about 2 ms of every run (measured
// per chunk in the launcher), though most runs format nothing; here each table of 200 is built
// the first time it is read. Same exports, same values.
export const cachedSpaces = new Array(20).fill(0).map((_, index) => {
  return ' '.repeat(index);
});
const maxCachedValues = 200;
function lazyTables(indent) {
  const tables = {};
  for (const eol of ['\n', '\r', '\r\n']) {
    let table;
    Object.defineProperty(tables, eol, {
      enumerable: true,
      get: () => (table ??= new Array(maxCachedValues).fill(0).map((_, index) => eol + indent.repeat(index))),
    });
  }
  return tables;
}
export const cachedBreakLinesWithSpaces = {
  ' ': lazyTables(' '),
  '\t': lazyTables('\t'),
};
export const supportedEols = ['\n', '\r', '\r\n'];
