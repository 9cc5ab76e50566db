import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from './smtp-sender';

describe('classifyDeliveryError', () => {
  it('fails a 5xx answer for good and retries a 4xx one', () => {
    expect(classifyDeliveryError({ responseCode: 550, response: '550 5.1.1 No such user' })).toEqual({ outcome: 'rejected', error: '550 5.1.1 No such user' });
    expect(classifyDeliveryError({ responseCode: 451, response: '451 Greylisted' })).toEqual({ outcome: 'retry', error: '451 Greylisted' });
  });

  it('retries when no server answered', () => {
    expect(classifyDeliveryError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' })).toEqual({ outcome: 'retry', error: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:2525' });
    expect(classifyDeliveryError(new Error('Greeting never received'))).toEqual({ outcome: 'retry', error: 'Greeting never received' });
  });
});
