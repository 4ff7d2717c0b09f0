/** The AP mask's input port names, shared by the spec, the hooks and the PyTorch emitter. */

/** Managed layers whose output feeds a ReLU: pruned, and their DNR is measured. */
export const Z_PORTS = ['z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7'] as const;
/** Managed layers without a ReLU after them (the classifier head): pruned, no DNR. */
export const P_PORTS = ['p0', 'p1', 'p2', 'p3'] as const;
