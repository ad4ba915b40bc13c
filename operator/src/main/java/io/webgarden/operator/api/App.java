package io.webgarden.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A node.js site hosted by the webgarden sidecar, with optional staging slot. */
@Group(App.GROUP)
@Version(App.VERSION)
@ShortNames("wga")
@AdditionalPrinterColumn(
    name = "Production",
    jsonPath = ".status.production.revision",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.production.ready", type = Type.STRING)
@AdditionalPrinterColumn(name = "Staging", jsonPath = ".status.staging.revision", type = Type.STRING)
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
