'use strict';

// Hello world for iisnode and webgarden.
//
// process.env.PORT is the only thing an app needs to know about its host. Under IIS it is a
// named pipe (\\.\pipe\...); under webgarden it is a unix socket path (/tmp/.../hello-0.sock).
// server.listen() takes either string as-is, so the same file runs in both. When the script is
// started by hand, PORT is unset and it falls back to TCP port 3000.
const http = require('http');

const port = process.env.PORT || 3000;

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(`Hello, world! from node process ${process.pid} (${req.method} ${req.url})\n`);
});

server.listen(port, () => {
  console.log(`hello.js: process ${process.pid} listening on ${port}`);
});
