package io.webgarden.sidecar.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.site.RequestFacts;
import io.webgarden.sidecar.site.Resolution;
import io.webgarden.sidecar.site.SiteResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating an application reads iisnode.yml; the catalog must do it on a worker thread, never on
 * the event loop that asked, and answer there.
 */
class AppCatalogTest {
  @TempDir Path root;
  private Vertx vertx;
  private Resolution.NodeApp app;
  private final List<Context> answeredOn = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    Files.writeString(
        root.resolve("web.config"),
        "<configuration><system.webServer><handlers>"
            + "<add name=\"iisnode\" path=\"app.js\" verb=\"*\" modules=\"iisnode\"/>"
            + "</handlers></system.webServer></configuration>");
    Files.writeString(root.resolve("app.js"), "");
    app = (Resolution.NodeApp) new SiteResolver(root).resolve(RequestFacts.of("GET", "/app.js"));
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  /** A catalog of a site that had no application at startup. */
  private AppCatalog emptyCatalog(AppCatalog.Creator creator) {
    return new AppCatalog(vertx, name -> Optional.empty(), creator);
  }

  /** Asks the catalog from an event loop; returns the future and the asking context. */
  private Future<Application> askFromEventLoop(AppCatalog catalog, List<Context> askers)
      throws Exception {
    CompletableFuture<Future<Application>> asked = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          askers.add(Vertx.currentContext());
          Future<Application> answer = catalog.application(app);
          // Attached before the answer can come: it is queued behind this task.
          answer.onComplete(done -> answeredOn.add(Vertx.currentContext()));
          asked.complete(answer);
        });
    return asked.get(5, TimeUnit.SECONDS);
  }

  @Test
  void anApplicationIsCreatedOffTheEventLoopAndTheAnswerComesBackOnIt() throws Exception {
    List<Boolean> createdOnEventLoop = new CopyOnWriteArrayList<>();
    List<Context> askers = new CopyOnWriteArrayList<>();
    AppCatalog catalog =
        emptyCatalog(
            definition -> {
              createdOnEventLoop.add(Context.isOnEventLoopThread());
              assertThat(definition.name()).isEqualTo("/app.js");
              return null; // a real Application needs a host; the test looks at threads
            });

    Future<Application> created = askFromEventLoop(catalog, askers);
    created.await(5, TimeUnit.SECONDS);

    assertThat(createdOnEventLoop).containsExactly(false);
    await().until(() -> !answeredOn.isEmpty());
    assertThat(answeredOn).containsExactlyElementsOf(askers);
  }

  @Test
  void requestsArrivingWhileTheApplicationIsCreatedShareOneCreation() throws Exception {
    AtomicInteger creations = new AtomicInteger();
    CompletableFuture<Void> release = new CompletableFuture<>();
    AppCatalog catalog =
        emptyCatalog(
            definition -> {
              creations.incrementAndGet();
              release.orTimeout(5, TimeUnit.SECONDS).join();
              return null;
            });
    List<Context> askers = new CopyOnWriteArrayList<>();

    Future<Application> first = askFromEventLoop(catalog, askers);
    Future<Application> second = askFromEventLoop(catalog, askers);
    release.complete(null);

    first.await(5, TimeUnit.SECONDS);
    second.await(5, TimeUnit.SECONDS);
    assertThat(creations).hasValue(1);
  }

  @Test
  void anInvalidConfigurationFailsTheRequestAndTheNextOneTriesAgain() throws Exception {
    AtomicInteger creations = new AtomicInteger();
    AppCatalog catalog =
        emptyCatalog(
            definition -> {
              creations.incrementAndGet();
              throw new ConfigException(root.resolve("iisnode.yml"), 3, "not a number");
            });
    List<Context> askers = new CopyOnWriteArrayList<>();

    Future<Application> first = askFromEventLoop(catalog, askers);
    await().until(first::isComplete);
    assertThat(first.cause()).isInstanceOf(ConfigException.class);

    Future<Application> second = askFromEventLoop(catalog, askers);
    await().until(second::isComplete);
    assertThat(creations).hasValue(2);
  }
}
