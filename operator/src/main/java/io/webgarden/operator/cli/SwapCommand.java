package io.webgarden.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.webgarden.operator.api.App;
import io.webgarden.operator.swap.SourceSwap;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Exchanges an App's production and staging sources. The operator does the rest: it flips the
 * Services once the staging instance runs production's revision and is Ready.
 */
@Command(
    name = "swap",
    mixinStandardHelpOptions = true,
    description = "Swap the staging slot into production (a second swap rolls back).")
final class SwapCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "APP", description = "Name of the App.")
  String app;

  @Option(
      names = {"-n", "--namespace"},
      description = "Namespace of the App (default: the kubeconfig's current namespace).")
  String namespace;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      String ns = namespace != null ? namespace : client.getNamespace();
      App swapped = new SourceSwap(client).exchange(ns == null ? "default" : ns, app);
      out.printf(
          "app %s/%s: sources exchanged (generation %d); the Services flip once the"
              + " staging instance is Ready: kubectl get wga %s -n %s -w%n",
          swapped.getMetadata().getNamespace(),
          app,
          swapped.getMetadata().getGeneration(),
          app,
          swapped.getMetadata().getNamespace());
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("swap: " + e.getMessage());
      return 1;
    } catch (KubernetesClientException e) {
      err.println(
          e.getCode() == 409 || e.getCode() == 422
              ? "swap: the App changed while swapping; nothing was changed, run it again"
              : "swap: " + e.getMessage());
      return 1;
    }
  }
}
