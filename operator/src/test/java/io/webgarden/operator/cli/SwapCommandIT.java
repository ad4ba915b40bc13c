package io.webgarden.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Apps;
import io.webgarden.operator.reconciler.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The swap command against the mock server, configured as kubectl would be, via properties. */
class SwapCommandIT {
  private MockCluster cluster;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    System.setProperty("kubernetes.master", cluster.client.getMasterUrl().toString());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.namespace", MockCluster.NS);
  }

  @AfterEach
  void stop() {
    System.clearProperty("kubernetes.master");
    System.clearProperty("kubernetes.auth.tryKubeConfig");
    System.clearProperty("kubernetes.namespace");
    cluster.close();
  }

  private int swap(String... args) {
    CommandLine cli = new CommandLine(new OperatorCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "swap";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.execute(all);
  }

  private void create(App app) {
    app.getMetadata().setNamespace(MockCluster.NS);
    cluster.create(app);
  }

  @Test
  void exchangesTheSourcesOfTheNamedApp() {
    create(Apps.withStaging(Apps.app("web", Apps.image("web:1")), Apps.image("web:2")));

    assertThat(swap("web", "-n", MockCluster.NS)).isZero();

    App app = cluster.app("web");
    assertThat(app.getSpec().source.image.ref).isEqualTo("web:2");
    assertThat(app.getSpec().slots.staging.source.image.ref).isEqualTo("web:1");
    assertThat(out.toString()).contains("app shop/web: sources exchanged");

    assertThat(swap("web")).as("default namespace from the client config").isZero();
    assertThat(cluster.app("web").getSpec().source.image.ref).as("rolled back").isEqualTo("web:1");
  }

  @Test
  void refusesAnAppWithoutStagingOrThatDoesNotExist() {
    create(Apps.app("solo", Apps.image("solo:1")));

    assertThat(swap("solo")).isEqualTo(1);
    assertThat(err.toString()).contains("swap: App solo has no staging slot to swap with");
    assertThat(swap("ghost")).isEqualTo(1);
    assertThat(err.toString()).contains("swap: App shop/ghost not found");
  }
}
