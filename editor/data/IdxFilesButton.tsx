/**
 * "Choose IDX files…" for an image-dataset node: one file chooser that takes the MNIST-format
 * images file and its labels file at once (the worker tells which is which by their magic
 * numbers, not their names). Hands on the `File` handles only.
 */
import { useRef } from 'react';
import type { PickedIdxFiles } from '../../workers/engineApi.ts';

/** Props of {@link IdxFilesButton}. */
export interface IdxFilesButtonProps {
  /** Test ids: `${testIdPrefix}-choose-idx-${nodeId}` (the button) and `${testIdPrefix}-idx-${nodeId}` (the input). */
  readonly testIdPrefix: string;
  readonly nodeId: string;
  readonly onPicked: (picked: PickedIdxFiles) => void;
}

/** The button and its hidden multi-file input. */
export function IdxFilesButton({ testIdPrefix, nodeId, onPicked }: IdxFilesButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" data-testid={`${testIdPrefix}-choose-idx-${nodeId}`} title="Choose an MNIST-format IDX images file and its labels file together" onClick={() => input.current?.click()}>
        Choose IDX files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid={`${testIdPrefix}-idx-${nodeId}`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) onPicked({ idxFiles: files });
        }}
      />
    </>
  );
}
