import { raw } from 'hono/html';
import { renderCommentHtml } from './comment-markdown.ts';

/** A comment's Markdown rendered by markdown-it (raw HTML off) with its TeX by KaTeX. */
export function CommentBody({ source }: { source: string }) {
  return <div class="comment-body">{raw(renderCommentHtml(source))}</div>;
}
