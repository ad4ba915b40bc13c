package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webgarden.operator.api.App;
import org.junit.jupiter.api.Test;

class SwapPatchTest {

  @Test
  void exchangesSourcesGuardedByResourceVersion() throws Exception {
    App app = Apps.withStaging(Apps.app("shop", Apps.image("shop:1")), Apps.configMap("next"));
    app.getMetadata().setResourceVersion("42");

    JsonNode ops = new ObjectMapper().readTree(SwapPatch.exchangeSources(app).orElseThrow());

    assertThat(ops.get(0).toString())
        .isEqualTo("{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"42\"}");
    assertThat(ops.get(1).get("path").asText()).isEqualTo("/spec/source");
    assertThat(ops.get(1).get("value").get("configMap").get("name").asText()).isEqualTo("next");
    assertThat(ops.get(2).get("path").asText()).isEqualTo("/spec/slots/staging/source");
    assertThat(ops.get(2).get("value").get("image").get("ref").asText()).isEqualTo("shop:1");
  }

  @Test
  void nothingToSwapWithoutStaging() {
    assertThat(SwapPatch.exchangeSources(Apps.app("shop", Apps.image("shop:1")))).isEmpty();
  }
}
