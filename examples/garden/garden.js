'use strict';

// A web garden: web.config asks for two processes of this script
// (<iisnode nodeProcessCountPerApplication="2"/>). Each process counts the requests it served and
// answers with its pid, so consecutive requests show the two pids taking turns.
const http = require('http');

// A unix socket path under webgarden, a named pipe under IIS, TCP 3000 when run by hand.
const port = process.env.PORT || 3000;
let served = 0;

const server = http.createServer((req, res) => {
  served += 1;
  const body = {
    pid: process.pid,
    servedByThisProcess: served,
    url: req.url,
  };
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
});

server.listen(port, () => {
  console.log(`garden.js: process ${process.pid} listening on ${port}`);
});
