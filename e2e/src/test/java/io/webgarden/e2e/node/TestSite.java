package io.webgarden.e2e.node;

/**
 * The node application the tests deploy from a ConfigMap. It answers every request with one line
 * whose first word is {@code <version>-<RELEASE>} (the version is baked into the file, RELEASE is
 * an appSetting), so a load run can count which code and which pod template answered. Its warm-up
 * page ({@code /warmup}, named in {@code initializationPages}) takes {@link #WARM_UP_MILLIS} and
 * then prints when it finished, which is how the test checks that pods turn Ready only after
 * warm-up.
 */
final class TestSite {
  static final int WARM_UP_MILLIS = 5000;
  static final String WARM_UP_DONE = "webgarden-e2e warm-up done at ";
  static final String LISTENING = "webgarden-e2e listening: ";

  private TestSite() {}

  /** server.js of {@code version}. */
  static String serverJs(String version) {
    return """
        'use strict';
        const http = require('http');
        const VERSION = '%s';
        let warm = false;
        http.createServer((req, res) => {
          if (req.url === '/warmup') {
            setTimeout(() => {
              warm = true;
              console.log(`%s${Date.now()} (${VERSION}, pid ${process.pid})`);
              res.end('warm\\n');
            }, %d);
            return;
          }
          const release = process.env.RELEASE || 'r0';
          const from = `node ${process.version} pid ${process.pid}`;
          res.end(`${VERSION}-${release} ${from} warm=${warm}\\n`);
        }).listen(process.env.PORT, () => {
          console.log(`%s${VERSION} pid ${process.pid} on ${process.env.PORT}`);
        });
        """
        .formatted(version, WARM_UP_DONE, WARM_UP_MILLIS, LISTENING);
  }

  /** A ConfigMap holding server.js of {@code version}. */
  static String configMap(String namespace, String name, String version) {
    StringBuilder indented = new StringBuilder();
    serverJs(version).lines().forEach(line -> indented.append("    ").append(line).append('\n'));
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          namespace: %s
        data:
          server.js: |
        %s"""
        .formatted(name, namespace, indented);
  }

  /**
   * The App: production from ConfigMap {@code source}, {@code replicas} pods of two node processes
   * each, preloaded and warmed up, logging outside the read-only site.
   */
  static String app(String namespace, String name, String source, int replicas) {
    return """
        apiVersion: webgarden.io/v1alpha1
        kind: App
        metadata:
          name: %s
          namespace: %s
        spec:
          entryPoint: server.js
          source:
            configMap:
              name: %s
          replicas: %d
          hosting:
            nodeProcessCountPerApplication: 2
            preloadEnabled: true
            initializationPages: /warmup
            logRoot: /var/log/webgarden
            accessLogEnabled: false
        """
        .formatted(name, namespace, source, replicas);
  }
}
