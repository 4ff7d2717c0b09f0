/**
 * Types for the part of `papaparse` the csv plugin uses: parsing a string row by row. Not
 * `@types/papaparse`: it loads Node's types (`/// <reference types="node" />`) into every
 * program that imports it, and plugins are type-checked without Node or DOM types
 * (tsconfig.runtime.json), so a Node-only call would go unnoticed.
 */
declare module 'papaparse' {
  /** A problem papaparse met in a record; it still hands the record to `step`. */
  export interface ParseError {
    readonly type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    readonly code: 'MissingQuotes' | 'InvalidQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields';
    readonly message: string;
    readonly row?: number;
    readonly index?: number;
  }

  /** One record, as `step` receives it. */
  export interface ParseStepResult<T> {
    readonly data: T;
    readonly errors: readonly ParseError[];
    /** `cursor`: the character index just past this record (its line break included). */
    readonly meta: { readonly cursor: number; readonly delimiter: string; readonly linebreak: string };
  }

  /** The running parse, as `step` receives it. */
  export interface Parser {
    abort(): void;
  }

  /** Options of a synchronous parse of a string (no header mode, no typing, no worker). */
  export interface ParseConfig<T> {
    readonly delimiter?: string;
    readonly newline?: '\n' | '\r\n' | '\r';
    readonly quoteChar?: string;
    readonly escapeChar?: string;
    /** Called once per record, in order, before `parse` returns; nothing is accumulated. */
    readonly step: (results: ParseStepResult<T>, parser: Parser) => void;
  }

  const Papa: {
    /** Parses `input` synchronously, calling `config.step` for each record. */
    parse<T>(input: string, config: ParseConfig<T>): void;
  };
  export default Papa;
}
