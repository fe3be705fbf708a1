// Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF): escaping does not help, they must go.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe in XML content and attribute values (so also `]]>`, which becomes `]]&gt;`). */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Text without the characters XML cannot carry, for JSON feeds too (readers choke on them). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}
