/**
 * A message as an administrator may read it: every link token (`?token=…` of sign-in,
 * confirmation, manage and unsubscribe links) replaced by `[redacted]`, so reading the outbox
 * never lets anyone sign in or act as the recipient. Works on raw .eml text: quoted-printable
 * soft line breaks are joined first, and `token=3D…` (an encoded `=`) is matched too.
 */
export function redactLinkTokens(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/\btoken=(?:3D)?[A-Za-z0-9_.~%-]+/gi, 'token=[redacted]');
}
