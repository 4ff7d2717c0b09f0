/** A builder for the PyTorch emitters of simple layers (declarative Python text, no tfjs). */
import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** What {@link oneParamModuleTorch} writes. */
export interface OneParamModule {
  /** The Python class, named after the plugin (`Dropout`). */
  readonly className: string;
  /** The class's docstring. */
  readonly doc: string;
  /** The node param passed to the constructor and kept as an attribute, both under its own name. */
  readonly param: string;
  /** The body of `forward(self, x)`, one line per entry, unindented. */
  readonly forward: readonly string[];
}

/**
 * The emitter of an `nn.Module` that keeps one node param as an attribute and computes its
 * output from `x` alone (dropout's rate, global-pool's mode, reshape's shape).
 */
export function oneParamModuleTorch(m: OneParamModule): TorchEmitter {
  return {
    source: `class ${m.className}(nn.Module):
    """${m.doc}"""

    def __init__(self, ${m.param}):
        super().__init__()
        self.${m.param} = ${m.param}

    def forward(self, x):
${m.forward.map((line) => `        ${line}\n`).join('')}`,
    construct: ({ params, py }) => `${m.className}(${m.param}=${py(params[m.param])})`,
  };
}
