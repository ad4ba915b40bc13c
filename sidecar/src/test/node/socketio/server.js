// The site's app for StickySessionsIT: a socket.io 4 server with default transports (long-polling,
// then the upgrade to WebSocket). A socket asks `whoami` and gets the pid that holds its session;
// any other URL answers {"pid": …} over plain HTTP.
const http = require('http');
const { Server } = require('socket.io');

const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ pid: process.pid, url: req.url }));
});
const io = new Server(server);
io.on('connection', socket => {
  socket.on('whoami', answer => answer(process.pid));
});
server.listen(process.env.PORT);
