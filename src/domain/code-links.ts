/** Finds code repositories and project pages mentioned in an abstract or comment. */

export interface CodeLinks {
  /** `github:owner/name`, `gitlab:group/name` or `huggingface:owner/name`. */
  codeRepo: string | null;
  projectPage: string | null;
}

const URL_IN_TEXT =
  /\bhttps?:\/\/[^\s<>"'{}|\\^`]+|\b(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)\/[^\s<>"'{}|\\^`]+/gi;
// Paths on these hosts that are not repositories.
const NOT_REPO_OWNERS = new Set([
  'orgs',
  'topics',
  'features',
  'about',
  'settings',
  'marketplace',
  'sponsors',
  'login',
  'explore',
  'collections',
  'search',
  'docs',
  'blog',
  'papers',
  'datasets',
  'spaces',
  'models',
]);

/** Extracts the first code repository and the first other project URL from free text. */
export function findCodeLinks(...texts: (string | null | undefined)[]): CodeLinks {
  let codeRepo: string | null = null;
  let projectPage: string | null = null;
  for (const text of texts) {
    if (!text) continue;
    for (const match of untex(text).matchAll(URL_IN_TEXT)) {
      const url = trimUrl(match[0]);
      const repo = repoFromUrl(url);
      if (repo) {
        codeRepo ??= repo;
      } else if (isProjectPage(url)) {
        projectPage ??= url.startsWith('http') ? url : `https://${url}`;
      }
    }
  }
  return { codeRepo, projectPage };
}

/** `https://github.com/wgcban/mix-bt.git` → `github:wgcban/mix-bt`. */
export function repoFromUrl(rawUrl: string): string | null {
  const url = trimUrl(rawUrl).replace(/^(?:https?:\/\/)?(?:www\.)?/i, '');
  const [host, ...rest] = url.split('/');
  const hostName = host?.toLowerCase();
  const path = rest.join('/').split(/[?#]/)[0] ?? '';
  const parts = path.split('/').filter(Boolean);
  if (hostName === 'github.com' || hostName === 'gitlab.com') {
    // GitLab nests projects in subgroups and puts its own pages after a `-` segment.
    const end = hostName === 'gitlab.com' ? gitlabProjectEnd(parts) : 2;
    const segments = parts.slice(0, end);
    const owner = segments[0];
    if (segments.length < 2 || !owner || NOT_REPO_OWNERS.has(owner.toLowerCase())) return null;
    // A name ends where characters no repository name holds begin (e.g. `&#39;` or `\`).
    const name = /^[\w.-]*/.exec(segments.at(-1) ?? '')?.[0].replace(/\.git$/i, '') ?? '';
    const path = [...segments.slice(0, -1), name];
    if (path.some((part) => !/^[\w.-]+$/.test(part) || part === '.' || part === '..')) return null;
    return `${hostName === 'github.com' ? 'github' : 'gitlab'}:${path.join('/')}`;
  }
  if (hostName === 'huggingface.co') {
    // Models live at /owner/name; spaces and datasets under their own prefix.
    const [first, second, third] = parts;
    if (!first) return null;
    if ((first === 'spaces' || first === 'datasets') && second && third)
      return `huggingface:${first}/${second}/${third}`;
    if (NOT_REPO_OWNERS.has(first.toLowerCase()) || !second) return null;
    return `huggingface:${first}/${second}`;
  }
  return null;
}

/** A web URL for a stored repository reference. */
export function repoUrl(codeRepo: string): string {
  const [host, path] = splitRepo(codeRepo);
  const base =
    host === 'gitlab'
      ? 'https://gitlab.com'
      : host === 'huggingface'
        ? 'https://huggingface.co'
        : 'https://github.com';
  return `${base}/${path}`;
}

/** `github:owner/name` → `owner/name` when it is a GitHub repository, else null. */
export function githubFullName(codeRepo: string | null): string | null {
  if (!codeRepo) return null;
  const [host, path] = splitRepo(codeRepo);
  return host === 'github' ? path : null;
}

function splitRepo(codeRepo: string): [string, string] {
  const colon = codeRepo.indexOf(':');
  return colon < 0 ? ['github', codeRepo] : [codeRepo.slice(0, colon), codeRepo.slice(colon + 1)];
}

// GitLab project sub-pages from before the `-` separator was introduced.
const GITLAB_PAGES = new Set([
  'tree',
  'blob',
  'issues',
  'merge_requests',
  'wikis',
  'raw',
  'commits',
]);

function gitlabProjectEnd(parts: string[]): number {
  const stop = parts.findIndex((part, i) => i >= 2 && (part === '-' || GITLAB_PAGES.has(part)));
  return stop < 0 ? parts.length : stop;
}

/** Undoes the TeX escapes and commands that wrap URLs in abstracts: `\_`, `\%`, `\url{…}`, `\href{…}{…}`. */
function untex(text: string): string {
  return text.replace(/\\([_%#&~])/g, '$1').replace(/\\(?:url|href)\s*\{/g, ' {');
}

function trimUrl(url: string): string {
  // Sentences end URLs with punctuation that is not part of them; TeX wraps them in braces.
  return url.replace(/[.,;:!?)\]}>'"]+$/, '').replace(/\\_/g, '_');
}

// Hosts whose pages are papers, licences, venues or publishers, never a paper's own project page.
const NOT_PROJECT_HOSTS =
  /^(?:[\w-]+\.)*(?:arxiv\.org|doi\.org|creativecommons\.org|github\.com|gitlab\.com|huggingface\.co|openreview\.net|aclanthology\.org|aclweb\.org|ieeexplore\.ieee\.org|dl\.acm\.org|springer\.com|sciencedirect\.com|thecvf\.com|neurips\.cc|nips\.cc|icml\.cc|iclr\.cc)$/;

function isProjectPage(url: string): boolean {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase();
  return host !== undefined && host.includes('.') && !NOT_PROJECT_HOSTS.test(host);
}
