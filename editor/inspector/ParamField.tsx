/** The form field for one param, chosen by the descriptor's kind. */
import type { ParamDescriptor, ParamValue } from '../../runtime/sdk/index.ts';
import { ChoiceParamField } from './ChoiceParamField.tsx';
import { IntsParamField } from './IntsParamField.tsx';
import { NumberParamField } from './NumberParamField.tsx';
import { SwitchParamField } from './SwitchParamField.tsx';
import { TextParamField } from './TextParamField.tsx';

/** Props of {@link ParamField}. */
export interface ParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly desc: ParamDescriptor;
  readonly stored: ParamValue | undefined;
}

/** Dispatches on the descriptor kind. */
export function ParamField(props: ParamFieldProps) {
  const { desc } = props;
  switch (desc.kind) {
    case 'int':
    case 'float':
      return <NumberParamField {...props} desc={desc} />;
    case 'enum':
      return <ChoiceParamField {...props} desc={desc} />;
    case 'bool':
      return <SwitchParamField {...props} desc={desc} />;
    case 'ints':
      return <IntsParamField {...props} desc={desc} />;
    case 'text':
      return <TextParamField {...props} desc={desc} />;
  }
}
