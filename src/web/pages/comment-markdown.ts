import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { renderMath } from './tex.tsx';

/**
 * Comment Markdown: CommonMark with GitHub-style autolinks, raw HTML off (it shows as text),
 * images off (a comment cannot make readers load a remote file), links http(s) or mailto only
 * and marked `nofollow ugc`, and TeX between `$…$` or `$$…$$` rendered by KaTeX.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
md.disable(['image']);
md.validateLink = (url) => /^(https?:\/\/|mailto:)/i.test(url.trim());
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, idx, options);
};
md.inline.ruler.before('escape', 'math', mathRule);
md.renderer.rules.math = (tokens, idx) =>
  renderMath(tokens[idx]!.content, tokens[idx]!.markup === '$$');

/** A comment's Markdown as safe HTML. */
export function renderCommentHtml(source: string): string {
  return md.render(source);
}

// `$…$` opens on a `$` not followed by a space and closes on one not preceded by a space nor
// followed by a digit, so "costs $5 and $10" stays text; `$$…$$` is display maths.
function mathRule(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const display = src.startsWith('$$', pos);
  const open = display ? 2 : 1;
  const start = pos + open;
  if (start >= posMax || /\s/.test(src[start]!)) return false;
  let end = start;
  for (;;) {
    end = src.indexOf(display ? '$$' : '$', end);
    if (end === -1 || end >= posMax) return false;
    if (src[end - 1] === '\\') {
      end += 1;
      continue;
    }
    if (!display && (/\s/.test(src[end - 1]!) || /\d/.test(src[end + 1] ?? ''))) return false;
    break;
  }
  const tex = src.slice(start, end);
  if (!tex.trim() || tex.length > 2000) return false;
  if (!silent) {
    const token = state.push('math', 'math', 0);
    token.content = tex;
    token.markup = display ? '$$' : '$';
  }
  state.pos = end + open;
  return true;
}
