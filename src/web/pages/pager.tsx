/** Previous/next page links for a list split into pages (`?page=N`). */
export function Pager(props: {
  basePath: string;
  page: number;
  pageSize: number;
  total: number;
  extra?: string;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  // Past the last page the list itself says so; "Page 7 of 6" would not help.
  if (pages <= 1 || props.page > pages) return null;
  const href = (n: number) => {
    const query = [props.extra, n > 1 ? `page=${n}` : ''].filter(Boolean).join('&');
    return query ? `${props.basePath}?${query}` : props.basePath;
  };
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 ? (
        <a href={href(props.page - 1)} rel="prev">
          ← Previous page
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {props.page} of {pages}
      </span>
      {props.page < pages ? (
        <a href={href(props.page + 1)} rel="next">
          Next page →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
