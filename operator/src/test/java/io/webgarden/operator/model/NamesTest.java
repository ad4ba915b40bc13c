package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The App's name becomes Service and Deployment names: what cannot be one is refused. */
class NamesTest {

  @Test
  void namesThatMakeValidServiceNamesPass() {
    assertThat(Names.problems("shop", true)).isEmpty();
    assertThat(Names.problems("shop-2", true)).isEmpty();
    assertThat(Names.problems("s".repeat(55), true)).isEmpty();
    assertThat(Names.problems("s".repeat(63), false)).isEmpty();
  }

  @Test
  void dotsLeadingDigitsAndEdgesAreRefusedWithTheReason() {
    assertThat(Names.problems("shop.v2", false))
        .singleElement()
        .asString()
        .startsWith("metadata.name 'shop.v2' must consist of lowercase letters, digits and '-'");
    assertThat(Names.problems("2shop", false)).hasSize(1);
    assertThat(Names.problems("shop-", false)).hasSize(1);
    assertThat(Names.problems("-shop", false)).hasSize(1);
  }

  @Test
  void aStagingSlotLeavesRoomForTheStagingSuffix() {
    String name = "s".repeat(56);
    assertThat(Names.problems(name, false)).isEmpty();
    assertThat(Names.problems(name, true))
        .singleElement()
        .asString()
        .contains("at most 55 characters with a staging slot")
        .contains(Names.stagingService(name).length() + "");
    assertThat(Names.problems("s".repeat(64), false))
        .singleElement()
        .asString()
        .contains("at most 63 characters");
  }
}
