const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Demo data up to 21 Aug 2026": shown where lists and trending end with the bundled demo. */
export function DataNote({ dataUntil }: { dataUntil: string | null }) {
  if (!dataUntil) return null;
  return (
    <p class="data-note">
      Demo data up to {dayFormat.format(new Date(`${dataUntil}T00:00:00Z`))}: trending counts the
      recorded activity up to that day.
    </p>
  );
}
