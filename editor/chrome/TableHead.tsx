/** The header row of the editor's tables, from a list of column headings. */

/** One column heading; `numeric` right-aligns it (`nw-num`) over a column of numbers. */
export interface TableColumn {
  readonly label: string;
  readonly numeric?: boolean;
}

/** Props of {@link TableHead}. */
export interface TableHeadProps {
  /** The headings in column order; a string is a plain heading, `''` an empty one. */
  readonly columns: readonly (string | TableColumn)[];
}

/** A `<thead>` with one row of headings. */
export function TableHead({ columns }: TableHeadProps) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => {
          const { label, numeric } = typeof column === 'string' ? { label: column, numeric: false } : column;
          return (
            <th key={i} className={numeric ? 'nw-num' : undefined}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
