/** An arXiv category such as `cs.CL` or `hep-th` (archive, then an optional subject class). */
export const ARXIV_CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;

/** Whether text names an arXiv category (at most 40 characters). */
export function isArxivCategory(text: string): boolean {
  return text.length <= 40 && ARXIV_CATEGORY.test(text);
}
