package io.webgarden.sidecar.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppNamesTest {
  @ParameterizedTest
  @CsvSource({
    "wwwroot,wwwroot",
    "My Shop_2,my-shop-2",
    "Café.Web,cafe-web",
    "2024-site,site",
    "--,site",
    "'',site",
    "ÄÖÜ,aou",
    "a--b--,a-b"
  })
  void folderNamesBecomeDns1035Labels(String folder, String name) throws Exception {
    assertThat(AppNames.fromFolder(folder)).isEqualTo(name);
    assertThat(AppNames.check(name)).isEqualTo(name);
  }

  @Test
  void longNamesLeaveRoomForTheStagingService() throws Exception {
    String name = AppNames.fromFolder("a".repeat(54) + "-bbbbbbbb");

    assertThat(name).isEqualTo("a".repeat(54)).hasSizeLessThanOrEqualTo(AppNames.MAX_LENGTH);
    assertThatThrownBy(() -> AppNames.check("a".repeat(56)))
        .isInstanceOf(ConversionException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Shop", "1shop", "shop-", "sh_op", "sh.op", ""})
  void badNamesAreRefused(String name) {
    assertThatThrownBy(() -> AppNames.check(name))
        .isInstanceOf(ConversionException.class)
        .hasMessageStartingWith("--name " + name + " is not a valid App name");
  }
}
