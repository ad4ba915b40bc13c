'use strict';

// The no-proxy ceiling: node's cluster module runs WORKERS copies of hello.js sharing one TCP
// port (PORT, bound to 127.0.0.1); the primary hands connections out round-robin.
const cluster = require('cluster');
const path = require('path');

const workers = Number(process.env.WORKERS || 2);

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) {
    cluster.fork();
  }
  cluster.on('exit', (worker, code, signal) => {
    console.error(`cluster.js: worker ${worker.process.pid} exited (${signal || code})`);
  });
} else {
  require(path.join(__dirname, 'hello.js'));
}
