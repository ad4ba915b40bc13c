package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a demand start, requests are spread over the whole garden, as iisnode's slots were. */
class DemandStartIT {
  /**
   * {@link NodeApps#ECHO}, but the n-th process of the garden to start listens n × 200 ms late, as
   * on a busy machine, so that the first one is ready well before the others.
   */
  private static final String STAGGERED =
      """
      const fs = require('fs');
      let order = 0;
      while (true) {
        try { fs.writeFileSync('started-' + order, String(process.pid), { flag: 'wx' }); break; }
        catch (e) { order++; }
      }
      setTimeout(() => {
      %s
      }, order * 200);
      """
          .formatted(NodeApps.ECHO);

  @TempDir Path root;

  @Test
  void fourSequentialRequestsAfterADemandStartMeetFourProcesses() {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"4\"")
        .file("app.js", STAGGERED);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      List<Long> pids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HttpResponse<String> response = sidecar.get("/app.js?n=" + i);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        pids.add(NodeApps.pid(response));
      }

      assertThat(new HashSet<>(pids.subList(0, 4))).as("the first four: %s", pids).hasSize(4);
      assertThat(new HashSet<>(pids.subList(4, 8)))
          .as("then each once more: %s", pids)
          .isEqualTo(new HashSet<>(pids.subList(0, 4)));
    }
  }
}
