package io.webgarden.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class KeyValueFileTest {
  @Test
  void readsIisnodeYmlSyntax() throws Exception {
    var settings =
        KeyValueFile.parse(
            """
        # iisnode.yml
        watchedFiles: *.js;node_modules\\*.js   # trailing comment

        promoteServerVars: "REMOTE_ADDR,HTTPS"
        nodeProcessCommandLine: node --a#b
        """,
            "iisnode.yml");

    assertThat(settings)
        .extracting(RawSetting::key, RawSetting::value, RawSetting::line)
        .containsExactly(
            tuple("watchedFiles", "*.js;node_modules\\*.js", 2),
            tuple("promoteServerVars", "REMOTE_ADDR,HTTPS", 4),
            tuple("nodeProcessCommandLine", "node --a#b", 5));
  }
}
