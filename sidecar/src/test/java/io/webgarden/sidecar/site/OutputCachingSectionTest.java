package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.OutputCaching.Decision;
import io.webgarden.sidecar.site.OutputCaching.Policy;
import io.webgarden.sidecar.site.OutputCaching.Profile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * web.config {@code system.webServer/caching} read through the chain: the flags, maxResponseSize,
 * profiles and their edits, and bad values with the file and line that hold them.
 */
class OutputCachingSectionTest {
  @TempDir Path root;
  private SiteFixture site;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
  }

  @Test
  void enabledFalseLeavesTheKernelCacheAndEnableKernelCacheFalseLeavesNothing() {
    site.webConfig(
        "",
        "<caching><profiles><add extension=\".js\" policy=\"CacheForTimePeriod\""
            + " kernelCachePolicy=\"CacheUntilChange\"/></profiles></caching>");
    site.webConfig("nouser", "<caching enabled=\"false\"/>");
    site.webConfig("nouser/nokernel", "<caching enableKernelCache=\"false\"/>");
    site.webConfig("onlykernelOff", "<caching enableKernelCache=\"false\"/>");

    OutputCaching both = caching("");
    assertThat(both.enabled()).isTrue();
    assertThat(both.enableKernelCache()).isTrue();
    Decision user = both.decide(".js", true);
    assertThat(user).isNotNull();
    assertThat(user.kernel()).isFalse();
    assertThat(user.policy()).isEqualTo(Policy.CACHE_FOR_TIME_PERIOD);

    OutputCaching kernelOnly = caching("nouser");
    assertThat(kernelOnly.enabled()).isFalse();
    Decision kernel = kernelOnly.decide(".js", false);
    assertThat(kernel).isNotNull();
    assertThat(kernel.kernel()).isTrue();
    assertThat(kernel.policy()).isEqualTo(Policy.CACHE_UNTIL_CHANGE);
    assertThat(kernelOnly.decide(".js", true)).as("the kernel cache never varies").isNull();

    OutputCaching neither = caching("nouser/nokernel");
    assertThat(neither.enabled()).as("inherited from nouser").isFalse();
    assertThat(neither.enableKernelCache()).isFalse();
    assertThat(neither.profiles()).containsKey(".js");
    assertThat(neither.decide(".js", false)).isNull();

    OutputCaching userOnly = caching("onlykernelOff");
    assertThat(userOnly.decide(".js", false).kernel()).isFalse();
  }

  @Test
  void maxResponseSizeIsReadAndInheritedAndItsDefaultIsIiss() {
    site.webConfig("", "<caching/>");
    site.webConfig("big", "<caching maxResponseSize=\" 1048576 \"/>");
    site.webConfig("big/inner", "<caching enabled=\"true\"/>");
    site.webConfig("max", "<caching maxResponseSize=\"4294967295\"/>");

    assertThat(caching("").maxResponseSize()).isEqualTo(262_144);
    assertThat(caching("big").maxResponseSize()).isEqualTo(1_048_576);
    assertThat(caching("big/inner").maxResponseSize()).isEqualTo(1_048_576);
    assertThat(caching("max").maxResponseSize()).isEqualTo(4_294_967_295L);
  }

  @Test
  void aBadOrOutOfRangeMaxResponseSizeNamesTheFileAndLine() {
    for (String bad : new String[] {"lots", "-1", "4294967296", "1.5"}) {
      site.webConfig("bad", "<!-- line 4 -->\n<caching maxResponseSize=\"" + bad + "\"/>");
      WebConfigException error = error("bad");
      assertThat(error.file()).as(bad).isEqualTo(root.resolve("bad/web.config"));
      assertThat(error.line()).as(bad).isEqualTo(5);
      assertThat(error.problem())
          .as(bad)
          .contains("maxResponseSize=\"" + bad + "\"", "whole number from 0 to 4294967295");
    }
  }

  @Test
  void profilesAreAddedRemovedAndClearedDownTheChain() {
    site.webConfig(
        "",
        """
        <caching><profiles>
          <add extension=".JS" policy="cacheuntilchange"/>
          <add extension=".css" policy="CacheForTimePeriod"/>
          <add extension="*" kernelCachePolicy="CacheUntilChange"/>
        </profiles></caching>""");
    site.webConfig(
        "sub",
        """
        <caching><profiles>
          <remove extension=".css"/><add extension=".html" policy="CacheUntilChange"/>
        </profiles></caching>""");
    site.webConfig(
        "sub/cleared",
        "<caching><profiles><clear/><add extension=\".txt\" policy=\"CacheUntilChange\"/>"
            + "</profiles></caching>");
    site.webConfig("empty", "<caching><profiles><clear/></profiles></caching>");

    OutputCaching top = caching("");
    assertThat(top.profiles()).containsOnlyKeys(".js", ".css", "*");
    assertThat(top.profiles().get(".js").policy())
        .as("extension lower-cased, policy in any case")
        .isEqualTo(Policy.CACHE_UNTIL_CHANGE);
    assertThat(top.profiles().get("*").policy()).as("default").isEqualTo(Policy.DONT_CACHE);
    assertThat(top.decide(".css", true).profile().extension()).isEqualTo(".css");

    OutputCaching sub = caching("sub");
    assertThat(sub.profiles()).containsOnlyKeys(".js", "*", ".html");
    Decision css = sub.decide(".css", false);
    assertThat(css.profile().extension()).as("falls back to *").isEqualTo("*");
    assertThat(css.kernel()).isTrue();

    assertThat(caching("sub/cleared").profiles()).containsOnlyKeys(".txt");
    assertThat(caching("sub/cleared").decide(".js", false)).isNull();
    assertThat(caching("empty").profiles()).isEmpty();
    assertThat(caching("empty").decide(".js", false)).isNull();
  }

  @Test
  void durationIsAnIisTimeSpanAndDefaultsToThirtySeconds() {
    site.webConfig(
        "",
        """
        <caching><profiles>
          <add extension=".a" policy="CacheForTimePeriod" duration="01:02:03"/>
          <add extension=".b" policy="CacheForTimePeriod" duration="2.00:00:05"/>
          <add extension=".c" policy="CacheForTimePeriod"/>
        </profiles></caching>""");
    OutputCaching caching = caching("");
    assertThat(caching.profiles().get(".a").duration())
        .isEqualTo(Duration.ofHours(1).plusMinutes(2).plusSeconds(3));
    assertThat(caching.profiles().get(".b").duration())
        .isEqualTo(Duration.ofDays(2).plusSeconds(5));
    assertThat(caching.profiles().get(".c").duration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aBadDurationNamesTheFileAndLine() {
    for (String bad : new String[] {"soon", "00:61:00", "30", "24:00:00"}) {
      site.webConfig(
          "bad",
          "<caching><profiles>\n<add extension=\".js\" policy=\"CacheForTimePeriod\" duration=\""
              + bad
              + "\"/>\n</profiles></caching>");
      WebConfigException error = error("bad");
      assertThat(error.file()).as(bad).isEqualTo(root.resolve("bad/web.config"));
      assertThat(error.line()).as(bad).isEqualTo(5);
      assertThat(error.problem()).as(bad).contains("duration", bad);
    }
  }

  @Test
  void varyByQueryStringAndVaryByHeadersAreCommaSeparatedLists() {
    site.webConfig(
        "",
        """
        <caching><profiles>
          <add extension=".a" policy="CacheUntilChange"
               varyByQueryString=" page, lang ,," varyByHeaders="Accept-Language,  User-Agent"/>
          <add extension=".b" policy="CacheUntilChange" varyByQueryString="*"/>
          <add extension=".c" policy="CacheUntilChange"/>
        </profiles></caching>""");
    OutputCaching caching = caching("");
    Profile a = caching.profiles().get(".a");
    assertThat(a.varyByQueryString()).containsExactly("page", "lang");
    assertThat(a.varyByHeaders()).containsExactly("Accept-Language", "User-Agent");
    assertThat(caching.profiles().get(".b").varyByQueryString()).containsExactly("*");
    Profile c = caching.profiles().get(".c");
    assertThat(c.varyByQueryString()).isEmpty();
    assertThat(c.varyByHeaders()).isEmpty();
    assertThat(c.kernelCachePolicy()).isEqualTo(Policy.DONT_CACHE);
  }

  @Test
  void anExtensionWithoutItsDotIsRejectedInAddAndRemove() {
    site.webConfig(
        "add",
        "<caching><profiles>\n<add extension=\"js\" policy=\"CacheUntilChange\"/>\n</profiles></caching>");
    WebConfigException add = error("add");
    assertThat(add.file()).isEqualTo(root.resolve("add/web.config"));
    assertThat(add.line()).isEqualTo(5);
    assertThat(add.problem()).contains("extension=\"js\"", "with its dot");

    site.webConfig(
        "remove", "<caching><profiles>\n<remove extension=\"css\"/>\n</profiles></caching>");
    WebConfigException remove = error("remove");
    assertThat(remove.line()).isEqualTo(5);
    assertThat(remove.problem()).contains("extension=\"css\"", "with its dot");
  }

  @Test
  void aBadPolicyIsRejectedWithTheValuesItTakes() {
    site.webConfig(
        "",
        "<caching><profiles>\n<add extension=\".js\" kernelCachePolicy=\"Always\"/>\n</profiles></caching>");
    WebConfigException error = error("");
    assertThat(error.line()).isEqualTo(5);
    assertThat(error.problem()).contains("kernelCachePolicy=\"Always\"", "CacheUntilChange");
  }

  /** The merged caching of a folder, read afresh (no stamps left from an earlier read). */
  private OutputCaching caching(String folder) {
    SiteConfig config = new SiteResolver(root).configs().forFolder(Path.of(folder));
    assertThat(config.error()).as(folder).isNull();
    return config.outputCaching();
  }

  private WebConfigException error(String folder) {
    SiteConfig config = new SiteResolver(root).configs().forFolder(Path.of(folder));
    assertThat(config.error()).as(folder).isNotNull();
    return config.error();
  }
}
