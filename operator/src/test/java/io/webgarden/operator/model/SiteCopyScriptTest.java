package io.webgarden.operator.model;

import static io.webgarden.operator.model.Apps.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.api.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the image source's copy script in a real shell, with its absolute paths moved into a
 * temporary folder. A {@code cp} stand-in first on PATH behaves like coreutils 9.2 to 9.4, where
 * {@code cp -n} exits 1 when it skips an existing file: the script must not depend on that.
 */
class SiteCopyScriptTest {
  @TempDir Path root;

  private int run(App app) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path cp = bin.resolve("cp");
    Files.writeString(
        cp,
        """
        #!/bin/sh
        # coreutils 9.2-9.4: -n skips an existing destination and exits 1
        for last; do :; done
        case " $* " in *" -n "*) [ -e "$last" ] && exit 1 ;; esac
        exec /bin/cp "$@"
        """);
    Files.setPosixFilePermissions(cp, PosixFilePermissions.fromString("rwxr-xr-x"));
    String script =
        Workloads.deployment(app, SlotContent.production(app.getSpec()), Instance.a, 1, DEFAULTS)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getInitContainers()
            .get(0)
            .getCommand()
            .get(2)
            .replace("/etc/webgarden", root.resolve("etc").toString())
            .replace(" /site", " " + root.resolve("site"));
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", script)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("out.txt").toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process sh = builder.start();
    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return sh.exitValue();
  }

  private App appWithSite(boolean siteHasWebConfig) throws IOException {
    Path image = Files.createDirectories(root.resolve("app"));
    Files.writeString(image.resolve("server.js"), "// site");
    if (siteHasWebConfig) {
      Files.writeString(image.resolve("web.config"), "<configuration><!-- the site's -->");
    }
    Files.createDirectories(root.resolve("site"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/web.config"), "<configuration><!-- generated -->");
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().source.image.path = image.toString();
    return app;
  }

  @Test
  void theImagesOwnWebConfigIsKeptAndTheCopySucceeds() throws Exception {
    App app = appWithSite(true);

    assertThat(run(app)).as("exit status of the init container").isZero();
    assertThat(Files.readString(root.resolve("site/web.config"))).contains("the site's");
    assertThat(root.resolve("site/server.js")).exists();
  }

  @Test
  void withoutOneTheGeneratedWebConfigIsCopied() throws Exception {
    App app = appWithSite(false);

    assertThat(run(app)).isZero();
    assertThat(Files.readString(root.resolve("site/web.config"))).contains("generated");
  }
}
