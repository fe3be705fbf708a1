/**
 * A summary of a paper written by the chat model this instance is configured with
 * (FOLIO_SUMMARY_MODEL): shown beside the abstract, never in its place, always naming the model.
 */
export interface GeneratedSummary {
  text: string;
  /** The model that wrote it, as configured when it was written. */
  model: string;
  /** When it was written (ISO-8601 UTC). */
  createdAt: string;
}
