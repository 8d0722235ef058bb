// [Note: CSV formula cells] A spreadsheet opening a CSV runs a cell that starts with =, +,
// -, @, tab or carriage return as a formula (OWASP "CSV injection"), so every CSV Starling
// writes prefixes such a cell with a single quote, and the CSV import takes exactly that
// quote off again so an export imports to the same text. To keep the undo exact, a cell
// that already starts with quotes followed by one of those characters (`'=x`) gets one
// more quote too: undo then removes one quote from any cell of quotes + trigger, and
// leaves every other cell (`'quoted`, `5 - 3`) as it is.
const defused = /^'*[=+\-@\t\r]/;

/** The cell as written to a CSV file: formula-like text gets a leading `'`. */
export function defuseCell(text: string): string {
  return defused.test(text) ? `'${text}` : text;
}

/** The cell as read from a CSV file: the exact inverse of defuseCell. */
export function undoDefusedCell(text: string): string {
  return text.startsWith("'") && defused.test(text) ? text.slice(1) : text;
}

/** csv-stringify's options that defuse every text cell (numbers are left as numbers). */
export const defusedCells = { cast: { string: defuseCell } } as const;
