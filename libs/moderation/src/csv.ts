// CSV as RFC 4180 writes it, for spreadsheets: every cell quoted when it holds a comma, a quote or
// a line break (quotes doubled), lines ended by CRLF; and no cell a spreadsheet would run as a
// formula (a cell starting with = + - @, a tab or a carriage return gets a leading apostrophe:
// OWASP's advice against CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
