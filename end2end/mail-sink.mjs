// A local SMTP sink for the browser tests: accepts every message Waymark sends (plain SMTP,
// no authentication) and lists them as JSON over HTTP, so a test can read an invitation or a
// reset link the way a person would read their e-mail. Loopback only.
import net from 'node:net';
import http from 'node:http';

const smtpPort = Number(process.env.WAYMARK_E2E_SMTP_PORT ?? 3125);
const httpPort = Number(process.env.WAYMARK_E2E_MAIL_PORT ?? 3126);
const messages = [];

net
  .createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { to: [], data: '' };
    const say = (line) => socket.write(`${line}\r\n`);
    say('220 sink.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push({ ...current, at: Date.now() });
          current = { to: [], data: '' };
          say('250 OK');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 sink.test');
        else if (verb === 'RCPT') {
          current.to.push(line.slice(line.indexOf(':') + 1).trim().replace(/^<|>$/g, ''));
          say('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 End with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          say('221 Bye');
          socket.end();
          return;
        } else say('250 OK');
      }
    });
    socket.on('error', () => {});
  })
  .listen(smtpPort, '127.0.0.1');

http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/healthz' ? { ok: true } : messages));
  })
  .listen(httpPort, '127.0.0.1');
