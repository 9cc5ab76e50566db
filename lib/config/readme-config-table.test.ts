import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ZAgentEnv } from './agent-settings';
import { ZAlertEnv } from './alert-settings';
import { ZDocumentStoreEnv } from './document-store-settings';
import { ZIsolationEnv } from './isolation-settings';
import { ZEnv } from './env';
import { ZGeocoderEnv } from './geocoder-settings';
import { ZMailEnv } from './mail-settings';
import { ZOrderEnv } from './order-settings';
import { ZPrinterAddressEnv } from './printer-address-settings';
import { ZPrinterPollEnv } from './printer-poll-settings';
import { ZShopApiEnv } from './shop-api-settings';
import { ZSignInEnv } from './sign-in-settings';
import { ZPrintEnv } from './print-settings';
import { ZTextFontEnv } from './text-font-settings';

describe("README's configuration table", () => {
  it('lists every variable lib/config reads', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const variables = [
      ZEnv,
      ZPrintEnv,
      ZPrinterPollEnv,
      ZPrinterAddressEnv,
      ZSignInEnv,
      ZOrderEnv,
      ZDocumentStoreEnv,
      ZTextFontEnv,
      ZAgentEnv,
      ZIsolationEnv,
      ZGeocoderEnv,
      ZAlertEnv,
      ZMailEnv,
      ZShopApiEnv,
    ].flatMap((schema) => Object.keys(schema.shape));
    expect(variables.length).toBeGreaterThan(40);
    expect(variables.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});
