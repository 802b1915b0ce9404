import net, { type AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server for tests: it keeps every message it accepts, parsed. */
export interface TestSmtp {
  port: number;
  url: string;
  received: ParsedMail[];
  /** connections: opened in all, open now, most open at once */
  connections: { opened: number; open: number; maxOpen: number };
  /** messages being received (DATA to reply): now, and most at once */
  sending: { now: number; max: number };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestSmtpOptions {
  /** awaited before a message is accepted, with the number of messages being received at that moment */
  hold?: (sendingNow: number) => Promise<void>;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const connections = { opened: 0, open: 0, maxOpen: 0 };
  const sending = { now: 0, max: 0 };
  let server: SMTPServer | null = null;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onConnect(_session, callback) {
        connections.opened++;
        connections.open++;
        connections.maxOpen = Math.max(connections.maxOpen, connections.open);
        callback();
      },
      onClose() {
        connections.open--;
      },
      onData(stream, _session, callback) {
        sending.now++;
        sending.max = Math.max(sending.max, sending.now);
        simpleParser(stream)
          .then(async (mail) => {
            await options.hold?.(sending.now);
            received.push(mail);
            sending.now--;
            callback();
          })
          .catch((err: Error) => {
            sending.now--;
            callback(err);
          });
      },
    });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = make();
      server.on("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server!.server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const smtp: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    connections,
    sending,
    start: async () => {
      await listen(port);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
      }),
  };
  return smtp;
}

/** A mail server that accepts connections and never says a word: the hanging server of a bad day. */
export interface SilentSmtp {
  url: string;
  /** connections accepted so far */
  accepted: number;
  stop(): Promise<void>;
}

export async function startSilentSmtp(): Promise<SilentSmtp> {
  const sockets = new Set<net.Socket>();
  const silent = { accepted: 0 };
  const server = net.createServer((socket) => {
    silent.accepted++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get accepted() {
      return silent.accepted;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
