package io.webgarden.operator.reconciler;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Apps;
import io.webgarden.operator.model.Conditions;
import io.webgarden.operator.runtime.OperatorSettings;
import io.webgarden.operator.runtime.WebgardenOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode with a real JOSDK Operator running the App controller.
 * There is no kubelet or controller-manager: tests play them by writing Deployment status.
 */
public final class MockCluster implements AutoCloseable {
  public static final String NS = "shop";
  public static final Duration PATIENCE = Duration.ofSeconds(20);

  public final KubernetesMockServer server;
  public final KubernetesClient client;
  private final AtomicLong reconciles = new AtomicLong();
  private final AtomicReference<String> failStatusOf = new AtomicReference<>();
  private final AtomicInteger failedStatusWrites = new AtomicInteger();
  private Operator operator;

  public Operator operator() {
    return operator;
  }

  static {
    // The mock server logs every request through java.util.logging at INFO.
    Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
  }

  public MockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new FailingDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
    client
        .resource(
            Serialization.unmarshal(
                getClass().getResourceAsStream("/apps.webgarden.io-v1.yml"), HasMetadata.class))
        .create();
  }

  /** Starts (or restarts) the operator; SSA is off because the mock answers 415 to it. */
  public MockCluster startOperator() {
    return startOperator(0);
  }

  /** With at most {@code rolloutsPerMinute} pod-template changes a minute (0: unlimited). */
  public MockCluster startOperator(int rolloutsPerMinute) {
    OperatorSettings settings =
        new OperatorSettings(
            Set.of(NS),
            Apps.DEFAULTS,
            false,
            Optional.empty(),
            2,
            OperatorSettings.DEFAULT_SHUTDOWN_TIMEOUT,
            rolloutsPerMinute);
    operator =
        WebgardenOperator.create(
            client,
            settings,
            new Metrics() {
              @Override
              public void finishedReconciliation(
                  HasMetadata resource, Map<String, Object> metadata) {
                reconciles.incrementAndGet();
              }
            },
            Clock.systemUTC());
    operator.start();
    return this;
  }

  public void stopOperator() {
    operator.stop();
  }

  public long reconciles() {
    return reconciles.get();
  }

  /** Events recorded for the App, as "Reason: message". */
  public List<String> events() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  public App create(App app) {
    return client.resource(app).create();
  }

  /**
   * Edits the App like a user would, retrying on 409: the operator writes status concurrently and
   * the client's edit is guarded by resourceVersion.
   */
  public App editApp(String name, Consumer<App> change) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .ignoreException(KubernetesClientException.class)
        .until(
            () ->
                client
                    .resources(App.class)
                    .inNamespace(NS)
                    .withName(name)
                    .edit(
                        a -> {
                          change.accept(a);
                          return a;
                        }),
            a -> true);
  }

  public App app(String name) {
    return client.resources(App.class).inNamespace(NS).withName(name).get();
  }

  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(NS).withName(name).get();
  }

  /** Waits until the named object exists and satisfies the predicate; returns it. */
  public <T extends HasMetadata> T awaitObject(Class<T> type, String name, Predicate<T> predicate) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(type, name), o -> o != null && predicate.test(o));
  }

  public void awaitGone(Class<? extends HasMetadata> type, String name) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(type, name) == null);
  }

  public App awaitApp(String name, Predicate<App> predicate) {
    return awaitObject(App.class, name, a -> a.getStatus() != null && predicate.test(a));
  }

  public static Predicate<App> condition(String type, String status, String reason) {
    return app -> {
      var c = Conditions.find(app.getStatus().conditions, type);
      return c != null
          && c.getStatus().equals(status)
          && (reason == null || reason.equals(c.getReason()));
    };
  }

  /** Plays the Deployment controller and kubelet: every pod of the current template is Ready. */
  public void markReady(String deployment) {
    Deployment d = awaitObject(Deployment.class, deployment, x -> true);
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build());
    client.resource(d).updateStatus();
  }

  /**
   * The next write of this App's status is answered 409 Conflict, as when another writer got there
   * first (the client retries 5xx answers by itself, so those would not fail the write).
   */
  public void failNextStatusWrite(String app) {
    failStatusOf.set(
        "/apis/"
            + App.GROUP
            + "/"
            + App.VERSION
            + "/namespaces/"
            + NS
            + "/apps/"
            + app
            + "/status");
  }

  public int failedStatusWrites() {
    return failedStatusWrites.get();
  }

  /** The CRUD dispatcher, except for one armed status write. */
  private final class FailingDispatcher extends KubernetesMixedDispatcher {
    FailingDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
      super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = failStatusOf.get();
      if (path != null
          && !request.getMethod().equals("GET")
          && request.getPath().startsWith(path)
          && failStatusOf.compareAndSet(path, null)) {
        failedStatusWrites.incrementAndGet();
        return new MockResponse()
            .setResponseCode(409)
            .setBody(
                "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409}");
      }
      return super.dispatch(request);
    }
  }

  /** Forgets the requests recorded so far. */
  public void drainRequests() throws InterruptedException {
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // discard
    }
  }

  /** The writes (anything but GET) recorded since the last drain. */
  public List<String> writes() throws InterruptedException {
    List<String> writes = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (!request.getMethod().equals("GET")) {
        writes.add(request.getMethod() + " " + request.getPath());
      }
    }
    return writes;
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.stop();
    }
    client.close();
    server.destroy();
  }
}
