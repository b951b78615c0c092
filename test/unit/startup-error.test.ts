import { describe, expect, it } from 'vitest';
import { PortInUseError } from '../../src/server/listen.js';
import { explainStartupError } from '../../src/terminal/startup-error.js';

const systemError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('startup errors', () => {
  it('says what to do in one line', () => {
    expect(explainStartupError(new PortInUseError(3000))).toBe('port 3000 is busy; stop whatever is using it or choose another with --port');
    expect(explainStartupError(systemError('listen EACCES', { code: 'EACCES', syscall: 'listen', port: 80 }))).toMatch(/port 80.*above 1023/);
    expect(explainStartupError(systemError("ENOENT: open 'cert.pem'", { code: 'ENOENT', path: 'cert.pem', syscall: 'open' }))).toBe(
      'cannot read cert.pem: it does not exist; check the file path (and its permissions)',
    );
    expect(explainStartupError(systemError('error:1E08010C:DECODER routines::unsupported', { code: 'ERR_OSSL_UNSUPPORTED' }))).toMatch(
      /certificate or key is not usable/,
    );
    expect(explainStartupError(new Error('first\nsecond'))).toBe('first');
  });
});
