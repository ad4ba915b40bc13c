package io.webgarden.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.webgarden.operator.reconciler.MockCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthServerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(HealthServer server, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesFollowTheOperatorAndMetricsArePrometheusText() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("webgarden_probe_test").increment();
    try (MockCluster cluster = new MockCluster();
        HealthServer server =
            HealthServer.start(0, () -> cluster.operator().getRuntimeInfo(), registry)) {
      assertThat(get(server, "/readyz").statusCode()).as("no operator yet").isEqualTo(503);

      cluster.startOperator();
      await().atMost(MockCluster.PATIENCE).until(() -> get(server, "/readyz").statusCode() == 200);
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body()).contains("webgarden_probe_test_total 1.0");
    }
  }
}
