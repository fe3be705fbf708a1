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
// Old-style ids: archive (with an optional subject class such as `CA` or `mes-hall`) / YYMMNNN.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.([A-Za-z]+(?:-[A-Za-z]+)?))?\/(\d{7})(?:v(\d+))?$/;
const URL_FORM =
  /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
// Paper pages elsewhere that name the arXiv id, e.g. https://huggingface.co/papers/2401.12345.
const PAPER_PAGE_FORM =
  /^(?:https?:\/\/)?(?:www\.)?huggingface\.co\/papers\/([^/?#]+)\/?(?:[?#].*)?$/i;
// Text around a pasted id: angle brackets or quotes, and a sentence's closing punctuation.
const WRAPPING = /^[<"'([]+|[>"')\].,;:]+$/g;

/** Parses any pasted form; returns null when the text is not an arXiv id. */
export function parseArxivId(input: string): ArxivId | null {
  if (input.length > 300) return null;
  let text = input.trim().replace(WRAPPING, '');
  if (text.length === 0) return null;
  const url = URL_FORM.exec(text) ?? PAPER_PAGE_FORM.exec(text);
  if (url?.[1]) text = decodeURIComponentSafe(url[1]);
  text = text.replace(/^arxiv:\s*/i, '');
  const modern = NEW_STYLE.exec(text);
  if (modern?.[1]) {
    const yymm = Number(modern[1].slice(0, 4));
    // New-style ids began in April 2007 (0704).
    if (!validYearMonth(modern[1].slice(0, 4)) || yymm < 704) return null;
    // Five-digit sequence numbers began in 1501; four-digit ones ended in 1412.
    const seqLength = modern[1].length - 5;
    if ((yymm >= 1501 && seqLength !== 5) || (yymm < 1501 && seqLength !== 4)) return null;
    const version = parseVersion(modern[2]);
    return version === undefined ? null : { id: modern[1], version };
  }
  const old = OLD_STYLE.exec(text);
  if (old?.[1] && old[3]) {
    // Old-style ids ran from August 1991 to March 2007.
    const yy = Number(old[3].slice(0, 2));
    if (!validYearMonth(old[3].slice(0, 4)) || (yy > 7 && yy < 91)) return null;
    const version = parseVersion(old[4]);
    // The subject class is not part of the identity: math.CA/0611800 is math/0611800.
    return version === undefined ? null : { id: `${old[1]}/${old[3]}`, version };
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

/** Versions count from 1; `undefined` marks an impossible one such as `v0`. */
function parseVersion(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const version = Number(text);
  return Number.isSafeInteger(version) && version >= 1 ? version : undefined;
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
