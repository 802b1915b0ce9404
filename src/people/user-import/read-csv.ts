/**
 * CSV as RFC 4180 writes it (and as spreadsheets export it): fields separated by commas, quoted
 * with double quotes when they hold commas, quotes ("" inside) or line breaks; lines ended by CRLF
 * or LF; a byte-order mark at the start ignored. Each row comes with its line number in the file,
 * so a problem can name where it is even when a quoted field spans lines.
 */
export interface CsvRow {
  /** the file's line on which the row starts (1 = the header) */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function readCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let rowLine = 1;
  let cell = "";
  let quoted = false;
  let afterQuote = false;
  const endRow = () => {
    cells.push(cell);
    // A blank line (one empty cell) is no row: files often end with one or two.
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    afterQuote = false;
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === ",") {
      cells.push(cell);
      cell = "";
      afterQuote = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else if (c === '"' && cell === "" && !afterQuote) {
      quoted = true;
    } else if (afterQuote) {
      throw new CsvSyntaxError(
        line,
        `Line ${line}: text follows a closing quote; a quote inside a field is written "".`,
      );
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(rowLine, `Line ${rowLine}: a quoted field is never closed.`);
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}
