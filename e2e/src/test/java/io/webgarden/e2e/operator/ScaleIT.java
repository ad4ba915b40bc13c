package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webgarden.e2e.cluster.AuditLog;
import io.webgarden.e2e.cluster.ClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many Apps created at once settle. A measurement for docs/operator.md, not a timed assertion: time
 * until every App is Ready, the operator's RSS, and the operator's writes per App from the audit
 * log. {@code -Dwebgarden.e2e.scaleApps=N} sets the count (default 200).
 */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class ScaleIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void manyAppsCreatedAtOnceSettle(OperatorFixture operator) throws IOException {
    int count = Integer.getInteger("webgarden.e2e.scaleApps", 200);
    String ns = operator.cluster().createNamespace("scale");
    Apps apps = new Apps(operator.cluster(), ns);
    String all =
        IntStream.range(0, count)
            .mapToObj(i -> Apps.manifest("app-" + i, "example.invalid/site:" + i, "replicas: 1\n"))
            .collect(Collectors.joining("---\n"));
    AuditLog.Mark mark = operator.cluster().audit().mark();
    long start = System.nanoTime();
    apps.apply(all);

    await(count + " Apps Ready")
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> readyApps(operator, ns) == count);
    Duration settled = Duration.ofNanos(System.nanoTime() - start);
    long rss = operator.main().rssBytes();
    var writes =
        operator.cluster().audit().writesBy(OperatorInstall.USER, mark).stream()
            .filter(e -> e.namespace().equals(ns))
            .toList();
    String report =
        String.format(
            "%d Apps: all Ready after %.1f s; operator RSS %d MiB; operator writes %d (%.1f per App:"
                + " %s)%n",
            count,
            settled.toMillis() / 1000.0,
            rss >> 20,
            writes.size(),
            writes.size() / (double) count,
            writes.stream()
                .collect(
                    Collectors.groupingBy(
                        e ->
                            e.verb()
                                + " "
                                + e.resource()
                                + (e.subresource().isEmpty() ? "" : "/" + e.subresource()),
                        TreeMap::new,
                        Collectors.counting())));
    System.out.print(report);
    Files.writeString(Path.of("target", "scale-measurement.txt"), report);
    assertThat(writes).isNotEmpty();
    operator.client().namespaces().withName(ns).delete();
  }

  private static long readyApps(OperatorFixture operator, String ns) {
    var list =
        operator
            .client()
            .genericKubernetesResources("webgarden.io/v1alpha1", "App")
            .inNamespace(ns)
            .list()
            .getItems();
    return list.stream()
        .map(app -> (JsonNode) JSON.valueToTree(app))
        .filter(
            app ->
                app.path("status").path("observedGeneration").asLong()
                    == app.path("metadata").path("generation").asLong())
        .filter(app -> Apps.condition(app, "Ready").equals("True"))
        .count();
  }
}
