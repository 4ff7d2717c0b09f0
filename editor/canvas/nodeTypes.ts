/** Node types for React Flow, defined once at module scope so React Flow never remounts nodes. */
import type { NodeTypes } from '@xyflow/react';
import { BlockNode } from './BlockNode.tsx';
import { PlaceholderNode } from './PlaceholderNode.tsx';
import { PluginNode } from './PluginNode.tsx';

/** The node types the canvas renders. */
export const NODE_TYPES: NodeTypes = { plugin: PluginNode, placeholder: PlaceholderNode, block: BlockNode };
