/**
 * The test cluster of {@code e2e/cluster/} as a JUnit 5 fixture: a real kube-apiserver, etcd,
 * kube-controller-manager, kube-scheduler and kwok fake nodes, started once per test JVM.
 *
 * <p>Use it by parameter injection:
 *
 * <pre>{@code
 * @ExtendWith(ClusterExtension.class)
 * class MyIT {
 *   @Test
 *   void works(TestCluster cluster) {
 *     cluster.client().apps().deployments()...;          // fabric8, admin credentials
 *     cluster.kubectl("get", "nodes").assertSuccess();   // the cluster's own kubectl
 *     AuditLog.Mark mark = cluster.audit().mark();       // count writes after this point
 *   }
 * }
 * }</pre>
 *
 * <p>The first test that asks for a {@link io.webgarden.e2e.cluster.TestCluster} runs {@code
 * e2e/cluster/build} (seconds when its cache is warm) and {@code e2e/cluster/up}; the end of the
 * test run runs {@code e2e/cluster/down}. System properties:
 *
 * <ul>
 *   <li>{@code webgarden.cluster.dir}: the state folder (default a fresh {@code
 *       /tmp/webgarden-e2e-<pid>}). A cluster already running there is reused and left running.
 *   <li>{@code webgarden.cluster.keep=true}: never run {@code down} (to reuse the cluster in the
 *       next run with the same {@code webgarden.cluster.dir}).
 *   <li>{@code webgarden.cluster.nodes}: kwok nodes (default 1); {@code
 *       webgarden.cluster.node=real} passes {@code --node real} to {@code up}.
 * </ul>
 *
 * <p>Without Go and without built binaries the tests are skipped with the reason printed; with the
 * environment variable {@code CI=true} they fail instead, so CI never skips them silently.
 *
 * <p>This package imports only the JDK, JUnit, fabric8's client and Jackson (through fabric8);
 * nothing of the operator or the sidecar.
 */
package io.webgarden.e2e.cluster;
