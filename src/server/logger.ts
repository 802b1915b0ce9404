import pino, { type DestinationStream, type Logger } from "pino";
import { withholdLinkTokens } from "../delivery/link-tokens.js";

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * The server's logger: JSON (pino), with request URLs logged without download-link tokens (a
 * token in a log line would let whoever reads the logs use up, or take, the patron's file).
 */
export function appLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: withholdLinkTokens(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    destination,
  );
}
