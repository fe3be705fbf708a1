/**
 * arXiv identifiers in every form people paste: new style (`2401.12345`, `0704.0001`),
 * old style (`hep-th/9901001`, `math.CA/0611800`), with a version, an `arXiv:` prefix,
 * or as an abs/pdf/html URL.
 */
export interface ArxivId {
  /** The id without version, e.g. `2401.12345` or `math/0611800`. */
  id: string;
  /** The version number when one was given, else null. */
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
// Old-style ids: archive (with an optional subject class) / YYMMNNN.
const OLD_STYLE = /^([a-z-]+)(?:\.([A-Za-z-]{2}))?\/(\d{7})(?:v(\d+))?$/;
const URL_FORM =
  /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** Parses any pasted form; returns null when the text is not an arXiv id. */
export function parseArxivId(input: string): ArxivId | null {
  let text = input.trim();
  if (text.length === 0 || text.length > 300) return null;
  const url = URL_FORM.exec(text);
  if (url?.[1]) text = decodeURIComponentSafe(url[1]);
  text = text.replace(/^arxiv:\s*/i, '');
  const modern = NEW_STYLE.exec(text);
  if (modern?.[1]) {
    if (!validYearMonth(modern[1].slice(0, 4))) return null;
    // Five-digit sequence numbers began in 1501; four-digit ones ended in 1412.
    const yymm = Number(modern[1].slice(0, 4));
    const seqLength = modern[1].length - 5;
    if ((yymm >= 1501 && seqLength !== 5) || (yymm < 1501 && seqLength !== 4)) return null;
    return { id: modern[1], version: modern[2] ? Number(modern[2]) : null };
  }
  const old = OLD_STYLE.exec(text);
  if (old?.[1] && old[3]) {
    if (!validYearMonth(old[3].slice(0, 4))) return null;
    // The subject class is not part of the identity: math.CA/0611800 is math/0611800.
    return { id: `${old[1]}/${old[3]}`, version: old[4] ? Number(old[4]) : null };
  }
  return null;
}

/** Like parseArxivId but throws a clear error. */
export function requireArxivId(input: string): ArxivId {
  const parsed = parseArxivId(input);
  if (!parsed) throw new InvalidArxivIdError(input);
  return parsed;
}

export class InvalidArxivIdError extends Error {
  constructor(readonly input: string) {
    super(
      `not an arXiv id: ${JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input)}`,
    );
    this.name = 'InvalidArxivIdError';
  }
}

function validYearMonth(yymm: string): boolean {
  const month = Number(yymm.slice(2, 4));
  return month >= 1 && month <= 12;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Links on arxiv.org for a paper. */
export const arxivAbsUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;
