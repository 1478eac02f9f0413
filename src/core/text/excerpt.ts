// Messages quote what the user wrote, but a 10 MB value or key must not become 10 MB of stderr.
import { formatNumber } from './format.js';

/** Longest text quoted from an input in a message. */
export const EXCERPT_CHARS = 40;

function cut(text: string, max: number): string {
  let end = max - 1;
  // Never cut a surrogate pair in half.
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

/** `text` if short, else its start and how long it was: "aaaa… (10,485,760 characters)". */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return text.length <= max ? text : `${cut(text, max)}… (${formatNumber(text.length)} characters)`;
}

/** A string in double quotes for a message, cut to an excerpt first. */
export function quote(text: string, max = EXCERPT_CHARS): string {
  return `"${excerpt(text, max)}"`;
}
