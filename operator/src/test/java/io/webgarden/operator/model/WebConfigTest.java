package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebConfigTest {

  @Test
  void withoutUserFileTheEntryPointIsTheHandlerAndTheFallbackRoute() {
    String xml = WebConfig.render("app/main.js", null);
    assertThat(xml)
        .contains("<add name=\"iisnode\" path=\"app/main.js\" verb=\"*\" modules=\"iisnode\"/>")
        .contains("<action type=\"Rewrite\" url=\"app/main.js\"/>");
  }

  @Test
  void userFileThatRegistersTheEntryPointIsKeptByteForByte() {
    String user =
        "<configuration><system.webServer><handlers>"
            + "<add name=\"x\" path=\"server.js\" verb=\"*\" modules=\"iisnode\"/>"
            + "</handlers></system.webServer></configuration>";
    assertThat(WebConfig.render("server.js", user)).isEqualTo(user);
  }

  @Test
  void userFileWithoutTheHandlerGetsItAddedAndKeepsItsRules() {
    String user =
        "<configuration><system.webServer><defaultDocument enabled=\"true\"/>"
            + "</system.webServer></configuration>";
    assertThat(WebConfig.render("server.js", user))
        .contains("<defaultDocument enabled=\"true\"/>")
        .contains(
            "<handlers><add modules=\"iisnode\" name=\"iisnode-webgarden\""
                + " path=\"server.js\" verb=\"*\"/></handlers>");
  }

  @Test
  void malformedUserFileIsLeftForSpecChecksToReport() {
    assertThat(WebConfig.render("server.js", "<configuration>")).isEqualTo("<configuration>");
  }
}
