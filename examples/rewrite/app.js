'use strict';

// The target of rewrite/web.config's rules. iisnode hands node the URL the client asked for
// (req.url), not the rewritten one; IIS URL Rewrite also records the original in the
// X-Original-URL header. The user id from the rule's {R:1} reaches the app in the rewritten
// query string where the host passes it on, and in the original path in any case, so the app
// reads both.
const http = require('http');

// A unix socket path under webgarden, a named pipe under IIS, TCP 3000 when run by hand.
const port = process.env.PORT || 3000;

function userId(req) {
  const url = new URL(req.url, 'http://localhost');
  const fromQuery = url.searchParams.get('user');
  if (fromQuery) {
    return fromQuery;
  }
  const fromPath = /\/users\/([0-9]+)\/?$/.exec(url.pathname);
  return fromPath ? fromPath[1] : null;
}

const server = http.createServer((req, res) => {
  const id = userId(req);
  const body = {
    pid: process.pid,
    url: req.url,
    originalUrl: req.headers['x-original-url'] || null,
    user: id,
    message: id ? `profile of user ${id}` : 'no user in this URL: the DynamicContent rule sent it here',
  };
  res.writeHead(id ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
});

server.listen(port, () => {
  console.log(`app.js: process ${process.pid} listening on ${port}`);
});
