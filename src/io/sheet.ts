import type { CalendarDate } from '../domain/calendar-date.ts';

/** A table to write: typed columns, so that XLSX can store dates as dates and size columns. */
export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
}

export interface SheetColumn {
  header: string;
  kind: 'text' | 'longText' | 'date' | 'number';
}

export type SheetValue = string | number | CalendarDate | null;
