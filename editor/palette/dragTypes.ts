/** The drag-and-drop data type that carries a plugin id from the palette to the canvas. */
export const PLUGIN_DRAG_TYPE = 'application/x-netwright-plugin';
