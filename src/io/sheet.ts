import type { CalendarDate } from '../domain/calendar-date.ts';

/** A table to write: typed columns, so that XLSX can store dates as dates and size columns. */
export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
  /** A cell's background, as ARGB (`FFE5484D`), where it means something (a traffic light). */
  fill?: (row: number, column: number) => string | undefined;
}

export interface SheetColumn {
  header: string;
  kind: 'text' | 'longText' | 'date' | 'number';
}

export type SheetValue = string | number | CalendarDate | null;
