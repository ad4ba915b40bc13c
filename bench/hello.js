'use strict';

// The one hello-world app every benchmark target runs. PORT is a unix socket path (the sidecar,
// and the nginx and HAProxy backends) or a TCP port number (node's cluster module); a number is
// bound to 127.0.0.1 only, so nothing is ever exposed beyond the loopback interface.
const http = require('http');

const BODY = 'Hello, world!\n';
const port = process.env.PORT;
if (!port) {
  console.error('hello.js: PORT must be a unix socket path or a TCP port number');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': BODY.length });
  res.end(BODY);
});
// Keep idle upstream connections open longer than the proxies' pools keep them.
server.keepAliveTimeout = 65000;

if (/^[0-9]+$/.test(port)) {
  server.listen(Number(port), '127.0.0.1');
} else {
  server.listen(port);
}
