/**
 * The size of the call's video tiles: the largest tiles of a fixed aspect ratio that fit
 * `count` of them into an area, trying every number of columns. Where more columns give
 * tiles nearly as large (within {@link WIDE_TOLERANCE}), the wider arrangement wins: people
 * side by side read as a conversation, and the grid fills a wide stage.
 */

/** How much smaller (as a fraction) tiles may get to gain a column. */
export const WIDE_TOLERANCE = 0.12;

/** Tiles in columns and rows, and the size of each (CSS pixels, rounded down). */
export interface GridLayout {
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
}

/**
 * Lays out `count` tiles of `aspect` (width / height) in a `width` x `height` area with
 * `gap` pixels between them, choosing the column count that gives the largest tiles.
 */
export function gridLayout(
  count: number,
  width: number,
  height: number,
  gap = 12,
  aspect = 16 / 9,
): GridLayout {
  const n = Math.max(1, Math.floor(count));
  const layouts: GridLayout[] = [];
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    // More columns than needed for as many rows only adds empty cells.
    if (columns > 1 && Math.ceil(n / (columns - 1)) === rows) continue;
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    const tileWidth = Math.max(0, Math.min(cellWidth, cellHeight * aspect));
    layouts.push({ columns, rows, tileWidth, tileHeight: tileWidth / aspect });
  }
  const largest = Math.max(...layouts.map((layout) => layout.tileWidth));
  const best = layouts
    .filter((layout) => layout.tileWidth >= largest * (1 - WIDE_TOLERANCE))
    .reduce((wide, layout) => (layout.columns > wide.columns ? layout : wide));
  return {
    ...best,
    tileWidth: Math.floor(best.tileWidth),
    tileHeight: Math.floor(best.tileHeight),
  };
}
