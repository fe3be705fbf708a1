// citation-js ships no type declarations; this is the part of its API Folio uses.
declare module '@citation-js/core' {
  export const plugins: {
    output: {
      format(name: string, data: unknown[], options?: Record<string, unknown>): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
