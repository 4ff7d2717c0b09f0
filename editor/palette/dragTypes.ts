/** The drag-and-drop data type that carries a plugin id from the palette to the canvas. */
export const PLUGIN_DRAG_TYPE = 'application/x-netwright-plugin';

/** The drag-and-drop data type that carries a block id (of the open file) from the palette. */
export const BLOCK_DRAG_TYPE = 'application/x-netwright-block';
