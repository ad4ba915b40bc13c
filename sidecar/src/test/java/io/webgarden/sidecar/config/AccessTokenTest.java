package io.webgarden.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private final AccessToken token = new AccessToken("s3 cret");

  @Test
  void aQueryTokenIsKeptInLinksAndAHeaderTokenIsNot() {
    assertThat(token.linkQuery("s3 cret", null)).hasValue("?token=s3+cret");
    assertThat(token.linkQuery(null, "Bearer s3 cret")).hasValue("");
    assertThat(token.linkQuery(null, "bEARER   s3 cret ")).hasValue("");
  }

  @Test
  void wrongOrMissingTokensAreRefused() {
    assertThat(token.linkQuery("s3", "Bearer s3 cret2")).isEmpty();
    assertThat(token.linkQuery(null, "Basic s3 cret")).isEmpty();
    assertThat(token.linkQuery(null, "Bearer ")).isEmpty();
    assertThat(token.linkQuery(null, null)).isEmpty();
    assertThatThrownBy(() -> new AccessToken("")).isInstanceOf(IllegalArgumentException.class);
  }
}
