package io.webgarden.sidecar.site.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final RequestUrl URL = new RequestUrl("/a%20b", "/a b", "q=1");

  private static String expand(String template, Map<String, String> variables) {
    return Template.parse(template)
        .expand(
            new MapContext(URL, variables, Set.of()),
            URL,
            new String[] {"r0", "r1"},
            new String[] {"c0", "c1"});
  }

  @Test
  void expandsVariablesBackReferencesAndFunctions() {
    assertThat(expand("x/{R:1}/{C:1}/{r:0}/{R:9}", Map.of())).isEqualTo("x/r1/c1/r0/");
    assertThat(expand("{http_host}{REQUEST_URI}", Map.of("HTTP_HOST", "h", "REQUEST_URI", "/u")))
        .isEqualTo("h/u");
    assertThat(expand("{ToLower:{R:1}X}|{UrlEncode:a b&}|{UrlDecode:a%20b}|{ToUpper:q}", Map.of()))
        .isEqualTo("r1x|a+b%26|a b|Q");
  }

  @Test
  void anUnclosedBraceIsLiteral() {
    assertThat(expand("a{b", Map.of())).isEqualTo("a{b");
  }

  @Test
  void rewriteMapsAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Template.parse("{Redirects:{REQUEST_URI}}"))
        .hasMessageContaining("rewrite map 'Redirects'");
  }
}
