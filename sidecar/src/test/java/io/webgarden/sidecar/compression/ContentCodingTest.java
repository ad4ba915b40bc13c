package io.webgarden.sidecar.compression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentCodingTest {
  @Test
  void prefersBrotliOnATieAndHonoursQValues() {
    assertThat(ContentCoding.choose("gzip, deflate, br", true)).isEqualTo(ContentCoding.BROTLI);
    assertThat(ContentCoding.choose("gzip, deflate, br", false)).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.choose("br;q=0.5, gzip", true)).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.choose("gzip;q=0, br;q=0", true)).isNull();
    assertThat(ContentCoding.choose("deflate", true)).isNull();
    assertThat(ContentCoding.choose("*", true)).isEqualTo(ContentCoding.BROTLI);
    assertThat(ContentCoding.choose("*;q=1, br;q=0", true)).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.choose(null, true)).isNull();
  }

  @Test
  void iisStaticTypesDecideWhatIsWorthCompressing() {
    HttpCompression iis = HttpCompression.IIS_DEFAULTS;
    assertThat(iis.compressible("text/html")).isTrue();
    assertThat(iis.compressible("text/css; charset=utf-8")).isTrue();
    assertThat(iis.compressible("application/javascript")).isTrue();
    assertThat(iis.compressible("image/svg+xml")).isTrue();
    assertThat(iis.compressible("image/png")).isFalse();
    assertThat(iis.compressible("application/json")).as("not in IIS's staticTypes").isFalse();
    assertThat(iis.compressible("application/octet-stream")).isFalse();
  }
}
