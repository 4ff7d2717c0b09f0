/**
 * Size limits of graph files. A file beyond them is refused with a message naming the limit,
 * before any expensive work, so a hostile or corrupt file cannot hang the editor.
 */

/** Name of the graph file format, the first thing a loader checks. */
export const GRAPH_FORMAT = 'netwright.graph';

/** The newest envelope version this code reads and the one it writes. */
export const GRAPH_FORMAT_VERSION = 2;

/** Largest file accepted, in characters (about bytes for the ASCII a graph file holds). */
export const MAX_FILE_CHARS = 20 * 1024 * 1024;

/** Most nodes in one graph. */
export const MAX_NODES = 20_000;

/** Most edges in one graph. */
export const MAX_EDGES = 100_000;

/** Deepest JSON nesting accepted anywhere in a file. */
export const MAX_FILE_DEPTH = 80;

/** At most this many errors are reported for one file; the rest are counted. */
export const MAX_REPORTED_ERRORS = 100;
