import { describe, expect, it } from 'vitest';
import { agentEnvSettings } from './agent-settings';

describe('agentEnvSettings', () => {
  it('has nothing but the report interval by default', () => {
    expect(agentEnvSettings({})).toEqual({ url: undefined, token: undefined, printers: [], reportEveryMs: 3000 });
  });

  it('splits the printers on commas', () => {
    const settings = agentEnvSettings({
      NEARPRINT_AGENT_URL: 'https://nearprint.example',
      NEARPRINT_AGENT_TOKEN: 'npa_x',
      NEARPRINT_AGENT_PRINTERS: 'Counter=ipp://10.0.0.2/ipp/print, Back=ipp://10.0.0.3/ipp/print,',
      NEARPRINT_AGENT_REPORT_MS: '500',
    });
    expect(settings).toEqual({ url: 'https://nearprint.example', token: 'npa_x', printers: ['Counter=ipp://10.0.0.2/ipp/print', 'Back=ipp://10.0.0.3/ipp/print'], reportEveryMs: 500 });
  });

  it('names the bad variable', () => {
    expect(() => agentEnvSettings({ NEARPRINT_AGENT_REPORT_MS: '50' })).toThrow(/NEARPRINT_AGENT_REPORT_MS: Too small/);
  });
});
