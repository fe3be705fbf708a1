/** Validation of recipient addresses: what the subscribe form accepts and every header relies on. */

export const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// A dot-atom local part and a host name of letter/digit labels with a top-level domain of letters.
// Quoted local parts and address literals are valid in RFC 5321 but never needed for a digest.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Why an address was refused, worded for the person who typed it. */
export class InvalidAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAddressError';
  }
}

/**
 * Returns the address trimmed and lower-cased, or throws InvalidAddressError. CR, LF and every
 * other control character are refused outright, so an address can never add a header line.
 */
export function normalizeAddress(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '')
    throw new InvalidAddressError('Enter an email address.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(input))
    throw new InvalidAddressError(
      'An email address cannot contain line breaks or control characters.',
    );
  const address = input.trim().toLowerCase();
  if (address.length > MAX_ADDRESS_LENGTH)
    throw new InvalidAddressError(`An email address has at most ${MAX_ADDRESS_LENGTH} characters.`);
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const labels = domain.split('.');
  if (
    at < 1 ||
    local.length > MAX_LOCAL_LENGTH ||
    !LOCAL.test(local) ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    !TLD.test(labels[labels.length - 1]!)
  )
    throw new InvalidAddressError('That does not look like an email address (name@example.org).');
  return address;
}

/** True when `input` is an address normalizeAddress accepts. */
export function isValidAddress(input: unknown): boolean {
  try {
    normalizeAddress(input);
    return true;
  } catch {
    return false;
  }
}
