/**
 * End-to-end tests on a real node: the test cluster of {@code e2e/cluster/} started with {@code
 * --node real} ({@code e2e/cluster/node/up}: containerd, runc, CNI, kubelet and kube-proxy in a
 * network namespace of their own), the chart installed with Helm and Apps driven with kubectl, as a
 * user would.
 *
 * <p>Service and pod addresses exist only inside the node's namespaces, so every request is made by
 * a small JVM ({@link io.webgarden.e2e.node.Fetch}, {@link io.webgarden.e2e.node.LoadClient})
 * started inside the client namespace with nsenter; the test itself only talks to the API server.
 *
 * <p>Imports the JDK, JUnit, AssertJ, Awaitility, fabric8's client, helm-java and the cluster
 * fixture {@code io.webgarden.e2e.cluster}; nothing of the operator or the sidecar (it runs their
 * images and jars as a user would).
 */
package io.webgarden.e2e.node;
