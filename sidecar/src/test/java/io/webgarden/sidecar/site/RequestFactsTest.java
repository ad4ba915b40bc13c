package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestFactsTest {

  @Test
  void splitsTheQueryOffTheRequestTarget() {
    RequestFacts facts = RequestFacts.of("GET", "/a/b?x=1&y=?");

    assertThat(facts.rawPath()).isEqualTo("/a/b");
    assertThat(facts.query()).isEqualTo("x=1&y=?");
    assertThat(RequestFacts.of("GET", "/a").query()).isEmpty();
  }

  @Test
  void acceptsTheAbsoluteForm() {
    assertThat(RequestFacts.of("GET", "http://host:8080/p/q?z=1").rawPath()).isEqualTo("/p/q");
    assertThat(RequestFacts.of("GET", "HTTPS://host?z=1").rawPath()).isEqualTo("/");
    assertThat(RequestFacts.of("GET", "HTTPS://host?z=1").query()).isEqualTo("z=1");
    assertThat(RequestFacts.of("GET", "http://host").rawPath()).isEqualTo("/");
    assertThat(RequestFacts.of("OPTIONS", "*").rawPath()).isEqualTo("*");
  }

  @Test
  void unknownHeadersAreNull() {
    assertThat(RequestFacts.of("GET", "/").header().apply("X-Anything")).isNull();
  }
}
