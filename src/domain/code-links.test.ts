import { describe, expect, it } from 'vitest';
import { findCodeLinks, githubFullName, repoFromUrl, repoUrl } from './code-links.ts';

describe('findCodeLinks', () => {
  it.each([
    ['Code is available at https://github.com/wgcban/mix-bt.git', 'github:wgcban/mix-bt'],
    ['Code: https://github.com/a/b.', 'github:a/b'],
    ['(see https://github.com/a/b), and more', 'github:a/b'],
    ['at https://github.com/a/b.git).', 'github:a/b'],
    ['repo https://github.com/owner/repo/tree/main/src and', 'github:owner/repo'],
    ['repo https://github.com/owner/repo/blob/main/README.md', 'github:owner/repo'],
    ['https://www.github.com/Owner/Repo', 'github:Owner/Repo'],
    ['Code at github.com/owner/repo-name', 'github:owner/repo-name'],
    [String.raw`code: \url{https://github.com/foo/bar_baz}`, 'github:foo/bar_baz'],
    [String.raw`code: https://github.com/foo/bar\_baz.`, 'github:foo/bar_baz'],
    [String.raw`\href{https://github.com/foo/bar}{here}`, 'github:foo/bar'],
    ['https://github.com/foo/bar&#39;s code', 'github:foo/bar'],
    ['https://gitlab.com/group/project', 'gitlab:group/project'],
    ['https://gitlab.com/group/sub/project/-/tree/main', 'gitlab:group/sub/project'],
    ['https://huggingface.co/owner/model-7b', 'huggingface:owner/model-7b'],
    ['demo https://huggingface.co/spaces/owner/demo.', 'huggingface:spaces/owner/demo'],
    ['data https://huggingface.co/datasets/owner/set', 'huggingface:datasets/owner/set'],
  ])('finds the repository in %j', (text, repo) => {
    expect(findCodeLinks(text).codeRepo).toBe(repo);
  });

  it.each([
    'https://github.com/owner',
    'https://github.com/orgs/owner/repositories',
    'https://github.com/features/copilot',
    'https://github.com/topics/llm',
    'https://huggingface.co/papers/2401.12345',
    'https://huggingface.co/spaces/owner',
    'https://github.com/../..',
  ])('finds no repository in %j', (text) => {
    expect(findCodeLinks(text).codeRepo).toBeNull();
  });

  it('takes the first repository and the first project page, from the abstract then the comment', () => {
    expect(
      findCodeLinks(
        'Project page: https://mix-bt.github.io/. Code: https://github.com/a/first.',
        'Also https://github.com/b/second and https://other.example.org',
      ),
    ).toEqual({ codeRepo: 'github:a/first', projectPage: 'https://mix-bt.github.io/' });
    expect(findCodeLinks(null, undefined, 'see https://github.com/c/d')).toEqual({
      codeRepo: 'github:c/d',
      projectPage: null,
    });
  });

  it('does not take papers, licences, DOIs or venues for project pages', () => {
    expect(
      findCodeLinks(
        'Accepted at https://openreview.net/forum?id=x, see https://doi.org/10.1/x, ' +
          'https://arxiv.org/abs/2401.12345, http://creativecommons.org/licenses/by/4.0/ and ' +
          'https://aclanthology.org/2024.acl-long.1.',
      ).projectPage,
    ).toBeNull();
    expect(findCodeLinks('Website: https://proj.example.com/page;').projectPage).toBe(
      'https://proj.example.com/page',
    );
  });
});

describe('repository references', () => {
  it('turns URLs into references and back', () => {
    expect(repoFromUrl('https://github.com/wgcban/mix-bt.git')).toBe('github:wgcban/mix-bt');
    expect(repoFromUrl('https://example.org/a/b')).toBeNull();
    expect(repoUrl('github:wgcban/mix-bt')).toBe('https://github.com/wgcban/mix-bt');
    expect(repoUrl('gitlab:g/s/p')).toBe('https://gitlab.com/g/s/p');
    expect(repoUrl('huggingface:spaces/a/b')).toBe('https://huggingface.co/spaces/a/b');
    expect(repoUrl('owner/name')).toBe('https://github.com/owner/name');
    expect(githubFullName('github:wgcban/mix-bt')).toBe('wgcban/mix-bt');
    expect(githubFullName('gitlab:g/p')).toBeNull();
    expect(githubFullName(null)).toBeNull();
  });
});
