import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

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

interface LoggedRequest {
  method?: string;
  url?: string;
  id?: unknown;
  ip?: string;
}

/** Requests are logged without their query string: it can carry a short-lived stream ticket. */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, path: req.url?.split('?')[0], ip: req.ip };
}

/** JSON lines to stdout (or `destination`), with the redaction and serializers above. */
export function createLogger(level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, err: pino.stdSerializers.err },
    base: { service: 'violetchat' },
  };
  return destination ? pino(options, destination) : pino(options);
}
