import { parseArxivId } from '../../domain/arxiv-id.ts';
import type { PaperRecord } from '../../domain/paper.ts';
import { fetchRemote, type RemoteClient } from '../http/remote-fetch.ts';
import type { RateLimiter } from '../http/rate-limiter.ts';
import { mapOaiMetadata, OAI_FORMATS, type OaiFormat } from './oai-records.ts';
import { recordLabel, refuseReason, type ParseFailure } from './record-checks.ts';
import { SourceError } from './source-error.ts';
import { child, children, childText, NS, parseXml } from './xml.ts';

export const OAI_SOURCE = 'arxiv-oai';

/** An error answer of the OAI-PMH protocol (badArgument, badResumptionToken, idDoesNotExist…). */
export class OaiError extends SourceError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(OAI_SOURCE, `the OAI-PMH server answered ${code}: ${message}`);
    this.name = 'OaiError';
  }
}

/** One OAI-PMH answer: its records, the ids of deleted ones, and where the list goes on. */
export interface OaiPage {
  responseDate: string | null;
  records: PaperRecord[];
  failures: ParseFailure[];
  deleted: string[];
  /** Null when the list is complete. */
  resumptionToken: { token: string; cursor: number | null; completeListSize: number | null } | null;
}

export type OaiListRequest =
  { format: OaiFormat; from?: string; until?: string; set?: string } | { resumptionToken: string };

/**
 * Parses a ListRecords or GetRecord answer by namespace URI. `noRecordsMatch` is an empty page
 * (an incremental harvest with nothing new); every other OAI error is an OaiError.
 */
export function parseOaiResponse(text: string, options: { invalidUtf8?: boolean } = {}): OaiPage {
  const root = parseXml(text, OAI_SOURCE);
  if (root.ns !== NS.oai || root.name !== 'OAI-PMH')
    throw new SourceError(OAI_SOURCE, `expected an OAI-PMH answer, got <${root.name}>`);
  const page: OaiPage = {
    responseDate: childText(root, NS.oai, 'responseDate'),
    records: [],
    failures: [],
    deleted: [],
    resumptionToken: null,
  };
  const errors = children(root, NS.oai, 'error');
  if (errors.length > 0) {
    if (errors.every((e) => e.attrs.code === 'noRecordsMatch')) return page;
    const first = errors.find((e) => e.attrs.code !== 'noRecordsMatch') ?? errors[0]!;
    throw new OaiError(first.attrs.code ?? 'error', first.text.trim() || 'no message');
  }
  const list = child(root, NS.oai, 'ListRecords') ?? child(root, NS.oai, 'GetRecord');
  if (!list) throw new SourceError(OAI_SOURCE, 'the answer has neither ListRecords nor GetRecord');
  children(list, NS.oai, 'record').forEach((record, index) => {
    const header = child(record, NS.oai, 'header');
    const identifier = header ? childText(header, NS.oai, 'identifier') : null;
    if (header?.attrs.status === 'deleted') {
      if (identifier) page.deleted.push(identifier);
      return;
    }
    const metadata = child(record, NS.oai, 'metadata')?.children[0];
    const label = recordLabel(index, identifier);
    if (!metadata || !OAI_FORMATS.includes(metadata.ns as never)) {
      page.failures.push({
        record: label,
        reason: metadata ? `unknown metadata format ${metadata.ns}` : 'no metadata',
      });
      return;
    }
    const mapped = mapOaiMetadata(metadata);
    if (!parseArxivId(mapped.id)) {
      page.failures.push({
        record: label,
        reason: `invalid arXiv id ${JSON.stringify(mapped.id)}`,
      });
      return;
    }
    const refused = refuseReason(mapped, options.invalidUtf8 ?? false);
    if (refused) page.failures.push({ record: label, reason: refused });
    else page.records.push(mapped);
  });
  const token = child(list, NS.oai, 'resumptionToken');
  const tokenText = token?.text.trim();
  if (token && tokenText)
    page.resumptionToken = {
      token: tokenText,
      cursor: intOrNull(token.attrs.cursor),
      completeListSize: intOrNull(token.attrs.completeListSize),
    };
  return page;
}

/** The ListRecords URL for a new harvest or its continuation. */
export function oaiListUrl(base: string, request: OaiListRequest): string {
  const params = new URLSearchParams({ verb: 'ListRecords' });
  if ('resumptionToken' in request) {
    params.set('resumptionToken', request.resumptionToken);
  } else {
    params.set('metadataPrefix', request.format);
    if (request.from) params.set('from', request.from);
    if (request.until) params.set('until', request.until);
    if (request.set) params.set('set', request.set);
  }
  return `${base}?${params.toString()}`;
}

/** The GetRecord URL for one paper. */
export function oaiGetRecordUrl(base: string, arxivId: string, format: OaiFormat): string {
  const params = new URLSearchParams({
    verb: 'GetRecord',
    identifier: `oai:arXiv.org:${arxivId}`,
    metadataPrefix: format,
  });
  return `${base}?${params.toString()}`;
}

/** Fetches and parses one OAI-PMH answer (ListRecords page or GetRecord). */
export async function fetchOaiPage(
  http: { client: RemoteClient; limiter: RateLimiter },
  url: string,
): Promise<OaiPage> {
  const response = await fetchRemote(http.client, OAI_SOURCE, url, { limiter: http.limiter });
  // OAI-PMH errors come with HTTP 200, but some servers send them with 4xx: read the body.
  if (response.status !== 200 && !/<OAI-PMH/.test(response.body))
    throw new SourceError(OAI_SOURCE, `${url} answered HTTP ${response.status}`);
  return parseOaiResponse(response.body, { invalidUtf8: response.invalidUtf8 });
}

function intOrNull(text: string | undefined): number | null {
  return text && /^\d+$/.test(text) ? Number(text) : null;
}
