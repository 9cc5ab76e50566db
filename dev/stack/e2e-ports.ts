/**
 * Where the e2e stack serves what, relative to its web port (E2E_PORT): a second web instance
 * whose maps load tiles (MAP_STYLE_URL), the loopback tile server behind it, and the SMTP catcher.
 */
export const E2E_TILES_PORT_OFFSET = 50;
export const E2E_TILE_SERVER_PORT_OFFSET = 51;
/** The local SMTP catcher the e2e stack's worker sends mail to (dev/mail-catcher). */
export const E2E_MAIL_PORT_OFFSET = 52;
