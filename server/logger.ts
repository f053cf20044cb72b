import pino, { type Logger, type LevelWithSilent } from 'pino';

/**
 * Never logged: message bodies, passwords, tokens, the Authorization header.
 * Log calls pass ids, event names and error codes, never payloads; these
 * paths are the safety net for anything that slips through.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'body',
  'auth',
  'payload',
  '*.password',
  '*.token',
  '*.body',
  '*.auth',
  '*.payload',
];

export function createLogger(level: LevelWithSilent = 'info'): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'violetchat' } });
}
