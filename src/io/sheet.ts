import type { CalendarDate } from '../domain/calendar-date.ts';

/** A table to write: typed columns, so that XLSX can store dates as dates and size columns. */
export interface Sheet {
  name: string;
  /** A title above the header row, for print (`.xlsx` only: CSV starts with its headers). */
  title?: string;
  /** The page footer, in the spreadsheet's codes (`第 &P 页，共 &N 页`). */
  footer?: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
  /** How many of the first columns are printed; the others (admin, machine) lie outside the print area. Default: all. */
  printed?: number;
  /** A cell's background, as ARGB (`FFE5484D`), where it means something (a traffic light). */
  fill?: (row: number, column: number) => string | undefined;
}

export interface SheetColumn {
  header: string;
  kind: 'text' | 'longText' | 'date' | 'number';
  /** The width in characters of the spreadsheet's default font (a CJK character takes two), for print. Default: from the content. */
  width?: number;
  /** A number shown with this many decimals (a score: 3.50, not 3.5). */
  decimals?: number;
}

export type SheetValue = string | number | CalendarDate | null;
