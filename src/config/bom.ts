/**
 * A byte-order mark at the start of a config file: parsers see the text without it, and it is
 * put back when the file is written, so a rewrite changes no byte it did not mean to.
 */
const BOM = '\uFEFF';

/** The text without its byte-order mark, and whether it had one. */
export function splitBom(text: string): { bom: boolean; body: string } {
  const bom = text.startsWith(BOM);
  return { bom, body: bom ? text.slice(1) : text };
}

/** The body with the document's byte-order mark back, if it had one. */
export function withBom(document: { readonly bom: boolean }, body: string): string {
  return document.bom ? BOM + body : body;
}
