/**
 * Where the e2e stack serves what, relative to its web port (E2E_PORT): a second web instance
 * whose maps load tiles (MAP_STYLE_URL), and the loopback tile server behind it.
 */
export const E2E_TILES_PORT_OFFSET = 50;
export const E2E_TILE_SERVER_PORT_OFFSET = 51;
