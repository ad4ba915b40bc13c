package io.webgarden.sidecar.site.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final RequestUrl URL = new RequestUrl("/a%20b", "/a b", "q=1");

  /** Server variables from a map; file checks are not used here. */
  private static RewriteContext variables(Map<String, String> values) {
    return new RewriteContext() {
      @Override
      public RequestUrl original() {
        return URL;
      }

      @Override
      public String serverVariable(String upperName, RequestUrl current) {
        return values.getOrDefault(upperName, "");
      }

      @Override
      public RequestUrl rewriteTo(String rawPath, String query) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean isFile(String physicalPath) {
        return false;
      }

      @Override
      public boolean isDirectory(String physicalPath) {
        return false;
      }
    };
  }

  private static String expand(String template, Map<String, String> variables) {
    return Template.parse(template)
        .expand(variables(variables), URL, new String[] {"r0", "r1"}, new String[] {"c0", "c1"});
  }

  @Test
  void expandsVariablesBackReferencesAndFunctions() {
    assertThat(expand("x/{R:1}/{C:1}/{r:0}/{R:9}", Map.of())).isEqualTo("x/r1/c1/r0/");
    assertThat(expand("{http_host}{REQUEST_URI}", Map.of("HTTP_HOST", "h", "REQUEST_URI", "/u"))).isEqualTo("h/u");
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
