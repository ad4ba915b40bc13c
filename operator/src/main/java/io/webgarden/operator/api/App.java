package io.webgarden.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A node.js site hosted by the webgarden sidecar, with optional staging slot. */
@Group(App.GROUP)
@Version(App.VERSION)
@ShortNames("wga")
// The name becomes the Services' names (DNS-1035 labels of at most 63 characters, 55 leaving room
// for -staging); refused at apply time rather than failing every reconcile. Names.problems agrees.
@ValidationRule(
    value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message =
        "metadata.name must consist of lowercase letters, digits and '-', start with a letter"
            + " and end with a letter or digit: it names the App's Services")
@ValidationRule(
    value =
        "size(self.metadata.name) <= (has(self.spec) && has(self.spec.slots)"
            + " && has(self.spec.slots.staging) ? 55 : 63)",
    message =
        "metadata.name must be at most 63 characters, and at most 55 with a staging slot:"
            + " the Service <name>-staging must fit the 63 a Service name may have")
// kubectl shows these in this order (CrdGeneration keeps it; the generator sorts by path).
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Production",
    jsonPath = ".status.production.revision",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Pods", jsonPath = ".status.production.ready", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Staging",
    jsonPath = ".status.staging.revision",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Last Swap",
    jsonPath = ".status.lastSwap.time",
    type = Type.DATE,
    format = PrinterColumnFormat.DATE_TIME)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class App extends CustomResource<AppSpec, AppStatus> implements Namespaced {
  public static final String GROUP = "webgarden.io";
  public static final String VERSION = "v1alpha1";

  @Override
  protected AppStatus initStatus() {
    return new AppStatus();
  }
}
