/**
 * IAM timestamps → ISO-8601 with millisecond precision.
 *
 * IAM writes `2020-01-08T02:56:19.587000Z` (microseconds), other APIs seconds only, and STS v5's exact
 * format is unconfirmed, so this accepts 0–9 fractional digits (truncated to milliseconds, never rounded
 * up past the real expiry), `Z` or a numeric offset, and rejects anything that is not a real date.
 */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{0,9}))?(Z|[+-]\d{2}:?\d{2})$/;

export function parseIamTimestamp(value: string): string | undefined {
  const m = PATTERN.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? '';
  const zone = m[8] as string;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return new Date(local - offsetMinutes * 60_000 + ms).toISOString();
}
