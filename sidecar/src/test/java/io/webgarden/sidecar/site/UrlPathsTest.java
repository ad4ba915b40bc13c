package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.webgarden.sidecar.site.rewrite.RejectedUrlException;
import io.webgarden.sidecar.site.rewrite.RequestUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPathsTest {

  @ParameterizedTest
  @CsvSource({
    "/, /",
    "/a/b.js, /a/b.js",
    "/a%20b/c, /a b/c",
    "/caf%C3%A9, /café",
    "//a///b/, /a/b/",
    "/%252e%252e/x, /%2e%2e/x",
    "/a/.well-known, /a/.well-known",
    "/a.../b, /a.../b",
    "/😀%20x, /😀 x",
  })
  void decodesOnceAndNormalisesSlashes(String raw, String decoded) throws Exception {
    RequestUrl url = UrlPaths.decode(raw, "q=1");

    assertThat(url.path()).isEqualTo(decoded);
    assertThat(url.rawPath()).isEqualTo(raw);
    assertThat(url.rawPathAndQuery()).isEqualTo(raw + "?q=1");
  }

  @ParameterizedTest
  @CsvSource({
    "/../etc/passwd, 403",
    "/a/../../etc, 403",
    "/%2e%2e/etc/passwd, 403",
    "/%2E%2e/etc, 403",
    "/.%2e/etc, 403",
    "/a/./b, 403",
    "/a/.., 403",
    "/a%2f..%2f..%2fetc, 403",
    "/a%2Fb, 403",
    "/a%5c..%5cb, 403",
    "/..\\\\etc, 400",
    "/a\\\\b, 400",
    "/a%00.js, 400",
    "/a%0a, 400",
    "/a%zz, 400",
    "/a%4, 400",
    "/%C3%28, 400",
    "relative, 400",
  })
  void refusesEveryWayOut(String raw, int status) {
    RejectedUrlException rejected =
        catchThrowableOfType(() -> UrlPaths.decode(raw, ""), RejectedUrlException.class);

    assertThat(rejected).as(raw).isNotNull();
    assertThat(rejected.status()).isEqualTo(status);
  }

  @Test
  void refusesARawNul() {
    assertThat(
            catchThrowableOfType(() -> UrlPaths.decode("/a\0b", ""), RejectedUrlException.class)
                .status())
        .isEqualTo(400);
  }

  @Test
  void hidesConfigurationAndDotSegments() {
    assertThat(UrlPaths.isHidden("/web.config")).isTrue();
    assertThat(UrlPaths.isHidden("/sub/Web.Config")).isTrue();
    assertThat(UrlPaths.isHidden("/app/iisnode.yml")).isTrue();
    assertThat(UrlPaths.isHidden("/.env")).isTrue();
    assertThat(UrlPaths.isHidden("/.git/config")).isTrue();
    assertThat(UrlPaths.isHidden("/app/server.js/.hidden")).isTrue();
    assertThat(UrlPaths.isHidden("/web.config.bak")).isFalse();
    assertThat(UrlPaths.isHidden("/a.b/c")).isFalse();
    assertThat(UrlPaths.isHidden("/")).isFalse();
  }
}
