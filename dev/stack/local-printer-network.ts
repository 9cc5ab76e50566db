/**
 * What the local stack (demo, e2e) and the integration tests open for printers: the printers
 * they start with ippeveprinter listen on loopback, on ports of their own. A deployment leaves
 * PRINTER_ALLOWED_NETWORKS and PRINTER_ALLOWED_PORTS unset and reaches only public printers on
 * 631, 443 and 80 (lib/ipp/printer-address-policy.ts).
 */
export const LOCAL_PRINTER_NETWORKS = '127.0.0.0/8,::1/128';
export const LOCAL_PRINTER_PORTS = '1024-65535';
