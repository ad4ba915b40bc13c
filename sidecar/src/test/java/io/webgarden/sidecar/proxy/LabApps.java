package io.webgarden.sidecar.proxy;

/** The node scripts of the proxy tests: plain node, no npm packages. */
final class LabApps {
  private LabApps() {}

  /**
   * One app with a route per proxy behaviour under test, chosen by the path segment after the
   * script ({@code /lab/lab.js/upload}); every route answers JSON or bytes the tests can check.
   *
   * <ul>
   *   <li>{@code /upload}: hashes the request body; answers its SHA-256, length and framing.
   *   <li>{@code /download?bytes=N[&length=1]}: streams N bytes of {@link PseudoRandomBytes}, with
   *       Content-Length when {@code length=1}, else chunked; honours back-pressure.
   *   <li>{@code /echo-stream}: answers at once and pipes the request body back.
   *   <li>{@code /two-parts?key=K}: writes a first part, then the second only once {@code
   *       /release?key=K} came.
   *   <li>{@code /headers}: the request's raw header list and URL as node saw them.
   *   <li>{@code /cookies}: two Set-Cookie headers.
   *   <li>{@code /hop}: response with hop-by-hop headers (and one listed in Connection).
   *   <li>{@code /status?code=N}: an empty response with that status (ETag on 304).
   *   <li>{@code /big-response-header?bytes=N}: a response header of N bytes.
   *   <li>{@code /garbage}: answers bytes that are not HTTP, on a connection it keeps open.
   *   <li>{@code /drop}: closes the connection without answering; the process lives on.
   *   <li>{@code /gate?n=N}: holds each request until N are in flight at once (or 5 s passed).
   *   <li>{@code /stats}: connections node accepted, the peak of requests in flight, and how many
   *       responses were cut off before they finished.
   * </ul>
   */
  static final String LAB =
      """
      const http = require('http');
      const crypto = require('crypto');
      let connections = 0, active = 0, peak = 0, aborted = 0, gate = [];
      const parked = new Map();
      function pseudoRandom(total, write, end) {
        let x = 2463534242, sent = 0;
        const next = () => {
          while (sent < total) {
            const size = Math.min(65536, total - sent), block = Buffer.allocUnsafe(size);
            for (let i = 0; i < size; i++) {
              x ^= x << 13; x ^= x >>> 17; x ^= x << 5; block[i] = x & 0xff;
            }
            sent += size;
            if (!write(block)) { return; }
          }
          end();
        };
        return next;
      }
      const server = http.createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        const route = '/' + (url.pathname.split('.js/')[1] || '').split('/')[0];
        active++; peak = Math.max(peak, active);
        res.on('close', () => { active--; if (!res.writableFinished) { aborted++; } });
        const json = (status, value, headers) => {
          const body = JSON.stringify(value);
          res.writeHead(status, Object.assign({ 'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body) }, headers || {}));
          res.end(body);
        };
        if (route === '/upload') {
          const hash = crypto.createHash('sha256');
          let length = 0;
          req.on('data', chunk => { hash.update(chunk); length += chunk.length; });
          req.on('end', () => json(200, { sha256: hash.digest('hex'), length,
            contentLength: req.headers['content-length'] || null,
            transferEncoding: req.headers['transfer-encoding'] || null }));
        } else if (route === '/download') {
          const total = Number(url.searchParams.get('bytes'));
          const headers = { 'Content-Type': 'application/octet-stream' };
          if (url.searchParams.get('length') === '1') { headers['Content-Length'] = total; }
          res.writeHead(200, headers);
          const next = pseudoRandom(total, block => res.write(block), () => res.end());
          res.on('drain', next);
          next();
        } else if (route === '/echo-stream') {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.flushHeaders();
          req.pipe(res);
        } else if (route === '/two-parts') {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.write('first part\\n');
          parked.set(url.searchParams.get('key'), () => res.end('second part\\n'));
        } else if (route === '/release') {
          const resume = parked.get(url.searchParams.get('key'));
          parked.delete(url.searchParams.get('key'));
          if (resume) { resume(); }
          json(resume ? 200 : 409, { released: !!resume });
        } else if (route === '/headers') {
          req.resume();
          req.on('end', () => json(200, { url: req.url, method: req.method,
            httpVersion: req.httpVersion, rawHeaders: req.rawHeaders, headers: req.headers }));
        } else if (route === '/cookies') {
          res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
          res.setHeader('X-Repeated', ['one', 'two']);
          res.end('cookies');
        } else if (route === '/hop') {
          res.writeHead(200, [
            ['Connection', 'keep-alive, X-Node-Hop'], ['Keep-Alive', 'timeout=5'],
            ['X-Node-Hop', 'secret'], ['Proxy-Connection', 'keep-alive'],
            ['X-End-To-End', 'kept'], ['Content-Type', 'text/plain'], ['Content-Length', '3']]);
          res.end('hop');
        } else if (route === '/status') {
          const code = Number(url.searchParams.get('code'));
          res.writeHead(code, code === 304 ? { 'ETag': '"v1"' } : {});
          res.end();
        } else if (route === '/big-response-header') {
          res.setHeader('X-Big', 'x'.repeat(Number(url.searchParams.get('bytes'))));
          res.end('big');
        } else if (route === '/garbage') {
          req.socket.write('BOGUS 200 OK\\r\\n\\r\\n');
        } else if (route === '/drop') {
          req.socket.destroy();
        } else if (route === '/gate') {
          const n = Number(url.searchParams.get('n'));
          gate.push(() => json(200, { released: true }));
          const open = () => { const waiting = gate; gate = []; waiting.forEach(f => f()); };
          if (gate.length >= n) { open(); } else { setTimeout(open, 5000); }
        } else if (route === '/stats') {
          json(200, { connections, peak, aborted });
        } else {
          json(404, { route });
        }
      });
      server.on('connection', () => { connections++; });
      server.listen(process.env.PORT);
      """;

  /**
   * A WebSocket echo server in plain node: the {@code upgrade} handshake (Sec-WebSocket-Accept from
   * SHA-1), masked client frames parsed, unmasked frames sent. A "welcome" text frame follows the
   * handshake in the same write. Text comes back prefixed with "echo: "; a close frame is answered
   * with a close frame carrying the same code, then the socket ends. Plain requests get 426.
   */
  static final String WEBSOCKET =
      """
      const http = require('http');
      const crypto = require('crypto');
      const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
      function frame(opcode, payload) {
        const length = payload.length;
        let head;
        if (length < 126) { head = Buffer.from([0x80 | opcode, length]); }
        else if (length < 65536) {
          head = Buffer.alloc(4); head[0] = 0x80 | opcode; head[1] = 126;
          head.writeUInt16BE(length, 2);
        } else {
          head = Buffer.alloc(10); head[0] = 0x80 | opcode; head[1] = 127;
          head.writeBigUInt64BE(BigInt(length), 2);
        }
        return Buffer.concat([head, payload]);
      }
      const server = http.createServer((req, res) => {
        res.writeHead(426, { 'Content-Type': 'text/plain' });
        res.end('websocket only');
      });
      server.on('upgrade', (req, socket, head) => {
        const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + GUID)
          .digest('base64');
        // The greeting goes out in the same write as the handshake, so the proxy must pass on
        // bytes that arrive together with the 101.
        socket.write(Buffer.concat([Buffer.from('HTTP/1.1 101 Switching Protocols\\r\\n'
          + 'Upgrade: websocket\\r\\nConnection: Upgrade\\r\\n'
          + 'Sec-WebSocket-Accept: ' + accept + '\\r\\n\\r\\n'), frame(1, Buffer.from('welcome'))]));
        let pending = head, message = [];
        socket.on('data', data => {
          pending = Buffer.concat([pending, data]);
          for (;;) {
            if (pending.length < 2) { return; }
            const fin = (pending[0] & 0x80) !== 0, opcode = pending[0] & 0x0f;
            const masked = (pending[1] & 0x80) !== 0;
            let length = pending[1] & 0x7f, offset = 2;
            if (length === 126) {
              if (pending.length < 4) { return; }
              length = pending.readUInt16BE(2); offset = 4;
            } else if (length === 127) {
              if (pending.length < 10) { return; }
              length = Number(pending.readBigUInt64BE(2)); offset = 10;
            }
            const maskOffset = offset;
            if (masked) { offset += 4; }
            if (pending.length < offset + length) { return; }
            const payload = Buffer.from(pending.subarray(offset, offset + length));
            if (masked) {
              for (let i = 0; i < length; i++) { payload[i] ^= pending[maskOffset + (i % 4)]; }
            }
            pending = pending.subarray(offset + length);
            if (opcode === 8) {
              socket.end(frame(8, payload.subarray(0, 2)));
              return;
            } else if (opcode === 9) {
              socket.write(frame(10, payload));
            } else if (opcode === 1 || opcode === 0) {
              message.push(payload);
              if (fin) {
                const text = Buffer.concat(message).toString('utf8');
                message = [];
                socket.write(frame(1, Buffer.from('echo: ' + text, 'utf8')));
              }
            }
          }
        });
        socket.on('error', () => {});
      });
      server.listen(process.env.PORT);
      """;
}
