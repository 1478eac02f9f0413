// Dates in rule files and flags: YYYY-MM (or YYYY-MM-DD) that name a real month (and day).

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Whether `s` is a real YYYY-MM or YYYY-MM-DD: month 01–12, a day the month has. */
export function isCalendarDate(s: string, opts: { dayAllowed?: boolean } = {}): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  if (opts.dayAllowed === false) return false;
  const day = Number(m[3]);
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}
