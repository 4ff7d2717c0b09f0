/**
 * A name edited in place: Enter or leaving the field applies it (when it changed), Esc puts the
 * old one back. A refused name (the command's notice says why) shows the old one again.
 */

/** Props of {@link NameField}. */
export interface NameFieldProps {
  readonly value: string;
  readonly testId: string;
  /** Applies the new name; false when it was refused. */
  readonly onRename: (to: string) => boolean;
}

/** A small text field for a port or param name. */
export function NameField({ value, testId, onRename }: NameFieldProps) {
  return (
    <input
      key={value}
      className="nw-mono nw-name-field"
      data-testid={testId}
      defaultValue={value}
      size={Math.max(4, value.length + 1)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          e.currentTarget.value = value;
          e.currentTarget.blur();
        }
        e.stopPropagation();
      }}
      onBlur={(e) => {
        const to = e.target.value.trim();
        if (to !== value && !onRename(to)) e.target.value = value;
      }}
    />
  );
}
