package io.webgarden.sidecar.statics;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** staticContent (mimeMap, clientCache), defaultDocument and directoryBrowse, through a sidecar. */
class StaticContentIT {
  @TempDir Path root;

  @Test
  void theIisMimeMapDecidesContentTypeAndAnUnmappedExtensionIs404Point3() {
    new TestSite(root)
        .file("a.css", "x")
        .file("a.js", "x")
        .file("a.json", "{}")
        .file("a.foo", "foo")
        .file("README", "r")
        .file("a.svg", "<svg/>");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(type(sidecar.get("/a.css"))).isEqualTo("text/css");
      assertThat(type(sidecar.get("/a.js"))).isEqualTo("application/javascript");
      assertThat(type(sidecar.get("/a.json"))).isEqualTo("application/json");
      assertThat(type(sidecar.get("/a.svg"))).isEqualTo("image/svg+xml");
      for (String unmapped : new String[] {"/a.foo", "/README"}) {
        HttpResponse<String> response = sidecar.get(unmapped);
        assertThat(response.statusCode()).as(unmapped).isEqualTo(404);
        assertThat(response.headers().firstValue("webgarden-error"))
            .as(unmapped)
            .hasValue("mime-type-not-mapped");
      }
    }
  }

  @Test
  void mimeMapAddRemoveAndClearFollowTheChain() {
    new TestSite(root)
        .file(
            "web.config",
            TestSite.webConfig(
                """
        <staticContent>
          <mimeMap fileExtension=".foo" mimeType="application/x-foo"/>
          <remove fileExtension=".css"/>
        </staticContent>"""))
        .file("a.foo", "foo")
        .file("a.css", "x")
        .file(
            "sub/web.config",
            TestSite.webConfig(
                """
            <staticContent><clear/><mimeMap fileExtension=".*" mimeType="text/plain"/>
            </staticContent>"""))
        .file("sub/a.css", "x")
        .file("sub/a.foo", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> foo = sidecar.get("/a.foo");
      assertThat(foo.statusCode()).isEqualTo(200);
      assertThat(type(foo)).isEqualTo("application/x-foo");
      assertThat(sidecar.get("/a.css").statusCode()).isEqualTo(404);
      assertThat(type(sidecar.get("/sub/a.css"))).isEqualTo("text/plain");
      assertThat(type(sidecar.get("/sub/a.foo"))).isEqualTo("text/plain");
    }
  }

  @Test
  void clientCacheModesSetTheirHeadersAndInherit() {
    new TestSite(root)
        .file("a.txt", "x")
        .file(
            "max/web.config",
            TestSite.webConfig(
                """
            <staticContent><clientCache cacheControlMode="UseMaxAge"
                cacheControlMaxAge="7.00:00:00" cacheControlCustom="public"/></staticContent>"""))
        .file("max/a.txt", "x")
        .file("max/inner/a.txt", "x")
        .file(
            "expires/web.config",
            TestSite.webConfig(
                """
            <staticContent><clientCache cacheControlMode="UseExpires"
                httpExpires="Fri, 01 Jan 2100 00:00:00 GMT"/></staticContent>"""))
        .file("expires/a.txt", "x")
        .file(
            "off/web.config",
            TestSite.webConfig(
                """
            <staticContent><clientCache cacheControlMode="DisableCache" setEtag="false"/>
            </staticContent>"""))
        .file("off/a.txt", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> plain = sidecar.get("/a.txt");
      assertThat(plain.headers().firstValue("cache-control")).as("NoControl").isEmpty();
      assertThat(plain.headers().firstValue("etag")).isPresent();
      for (String path : new String[] {"/max/a.txt", "/max/inner/a.txt"}) {
        assertThat(sidecar.get(path).headers().firstValue("cache-control"))
            .as(path)
            .hasValue("public, max-age=604800");
      }
      HttpResponse<String> revalidated =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/max/a.txt"))
                  .header(
                      "If-None-Match",
                      sidecar.get("/max/a.txt").headers().firstValue("etag").orElseThrow())
                  .build());
      assertThat(revalidated.statusCode()).isEqualTo(304);
      assertThat(revalidated.headers().firstValue("cache-control"))
          .hasValue("public, max-age=604800");
      assertThat(sidecar.get("/expires/a.txt").headers().firstValue("expires"))
          .hasValue("Fri, 01 Jan 2100 00:00:00 GMT");
      HttpResponse<String> off = sidecar.get("/off/a.txt");
      assertThat(off.headers().firstValue("cache-control")).hasValue("no-cache");
      assertThat(off.headers().firstValue("etag")).isEmpty();
    }
  }

  @Test
  void directoryBrowseIsOffByDefaultAndListsVisibleEntriesWhenEnabled() {
    new TestSite(root)
        .file("files/a b.txt", "x")
        .file("files/.env", "SECRET")
        .file("files/bin/tool", "x")
        .file("files/docs/x.txt", "x")
        .file(
            "listed/web.config",
            TestSite.webConfig(
                """
            <directoryBrowse enabled="true"/>
            <defaultDocument enabled="false"/>"""))
        .file("listed/index.html", "home")
        .file("listed/a b.txt", "x")
        .file("listed/.env", "S")
        .file("listed/bin/tool", "x")
        .file("listed/docs/x.txt", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/files/").statusCode()).isEqualTo(403);
      HttpResponse<String> listing = sidecar.get("/listed/");
      assertThat(listing.statusCode()).isEqualTo(200);
      assertThat(type(listing)).startsWith("text/html");
      assertThat(listing.body())
          .contains(
              "[To Parent Directory]",
              "HREF=\"/listed/a%20b.txt\"",
              ">a b.txt</A>",
              "HREF=\"/listed/docs/\"",
              "&lt;dir&gt;",
              ">index.html</A>")
          .doesNotContain(".env", "bin");
    }
  }

  @Test
  void aLocationInTheRootWebConfigConfiguresItsFolder() {
    new TestSite(root)
        .file(
            "web.config",
            """
        <configuration>
          <location path="files">
            <system.webServer>
              <directoryBrowse enabled="true"/>
              <staticContent><clientCache cacheControlMode="DisableCache"/></staticContent>
            </system.webServer>
          </location>
        </configuration>
        """)
        .file("files/a.txt", "x")
        .file("other/a.txt", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/files/").body()).contains(">a.txt</A>");
      assertThat(sidecar.get("/files/a.txt").headers().firstValue("cache-control"))
          .hasValue("no-cache");
      assertThat(sidecar.get("/other/").statusCode()).isEqualTo(403);
      assertThat(sidecar.get("/other/a.txt").headers().firstValue("cache-control")).isEmpty();
    }
  }

  @Test
  void badValuesNameFileAndLine() {
    new TestSite(root)
        .file(
            "web.config",
            TestSite.webConfig(
                """
        <staticContent>
          <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="a week"/>
        </staticContent>"""))
        .file("a.txt", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> response = sidecar.get("/a.txt");
      assertThat(response.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(response.body()).contains("web.config line 4", "cacheControlMaxAge", "7.00:00:00");
    }
  }

  private static String type(HttpResponse<String> response) {
    return response.headers().firstValue("content-type").orElse("");
  }
}
