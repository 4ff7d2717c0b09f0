/**
 * A button that opens the browser's file chooser (a hidden file input) and hands the chosen
 * file on. The input is cleared at once, so choosing the same file again fires again.
 */
import { useRef } from 'react';

/** Props of {@link FileChooserButton}. */
export interface FileChooserButtonProps {
  /** The button's text. */
  readonly label: string;
  /** The button's tooltip. */
  readonly title: string;
  /** The file input's `accept` list (`.bin,application/octet-stream`). */
  readonly accept: string;
  /** `data-testid` of the button. */
  readonly testId: string;
  /** `data-testid` of the hidden file input. */
  readonly inputTestId: string;
  /** Called with the chosen file; not called when the chooser is cancelled. */
  readonly onFile: (file: File) => void;
}

/** The button, and beside it the hidden input it opens. */
export function FileChooserButton({ label, title, accept, testId, inputTestId, onFile }: FileChooserButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" data-testid={testId} title={title} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={inputTestId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
