// botbuilder and botframework-connector print rejected tokens with console.error: while the adapter handles a
// request, those lines go to the service's logger (one warn line) and nothing reaches the console.
import type { Logger } from '../../../bot/src/logger';
import { routeSdkConsole, withSdkConsole } from '../../../bot/src/teams/adapter';

const printed = { error: jest.fn(), warn: jest.fn() };
const realError = console.error;
const realWarn = console.warn;
// Stand-ins for the console's own output, installed before the routing wraps them.
console.error = printed.error;
console.warn = printed.warn;
routeSdkConsole();
routeSdkConsole(); // idempotent: one wrapper, not two

afterAll(() => {
  console.error = realError;
  console.warn = realWarn;
});
beforeEach(() => jest.clearAllMocks());

const logger = () => {
  const log = {
    debug: jest.fn(),
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    child: jest.fn(),
  } satisfies Logger;
  log.child.mockReturnValue(log);
  return log;
};

describe('console output of the Bot Framework SDK', () => {
  it('inside a request (across awaits) goes to the logger, not the console', async () => {
    const log = logger();
    await withSdkConsole(log, async () => {
      await new Promise((r) => setTimeout(r, 1));
      const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
      console.error(expired);
      console.error('Error finding key for token. Available keys: clave');
      console.warn('BadRequest: Missing activity or activity type.');
    });
    expect(printed.error).not.toHaveBeenCalled();
    expect(printed.warn).not.toHaveBeenCalled();
    expect(log.warn.mock.calls).toEqual([
      ['aviso de botframework', { detalle: 'TokenExpiredError: jwt expired' }],
      ['aviso de botframework', { detalle: 'Error finding key for token. Available keys: clave' }],
      ['aviso de botframework', { detalle: 'BadRequest: Missing activity or activity type.' }],
    ]);
  });

  it('outside a request the console behaves as usual', () => {
    console.error('otro error', 1);
    expect(printed.error).toHaveBeenCalledTimes(1);
    expect(printed.error).toHaveBeenCalledWith('otro error', 1);
  });
});
