package io.webgarden.sidecar.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebConfigSectionsTest {
  private static String cut(String xml) {
    return WebConfigSections.remove(xml, SiteConverter.MOVED_SECTIONS);
  }

  @Test
  void removesWholeLinesAndKeepsEverythingElseAsWritten() {
    String xml =
        """
        <?xml version="1.0"?>
        <!-- <iisnode x="1"/> in a comment stays -->
        <configuration>
          <appSettings>
            <add key="a" value="<b>"/>
          </appSettings>
          <system.webServer>
            <handlers><add name="iisnode" path="server.js" verb="*" modules="iisnode"/></handlers>
            <iisnode nodeProcessCountPerApplication="2"
                     loggingEnabled='false'/>
            <rewrite><rules><rule name="a"><match url="x>y"/></rule></rules></rewrite>
          </system.webServer>
        </configuration>
        """
            .replace("\"<b>\"", "\"&lt;b&gt;\"");

    assertThat(cut(xml))
        .isEqualTo(
            """
        <?xml version="1.0"?>
        <!-- <iisnode x="1"/> in a comment stays -->
        <configuration>
          <system.webServer>
            <handlers><add name="iisnode" path="server.js" verb="*" modules="iisnode"/></handlers>
            <rewrite><rules><rule name="a"><match url="x>y"/></rule></rules></rewrite>
          </system.webServer>
        </configuration>
        """);
  }

  @Test
  void removesInlineElementsWithoutTouchingTheirNeighbours() {
    String xml =
        "<configuration><system.webServer><iisnode a=\"1\"></iisnode><x/>"
            + "</system.webServer><appSettings/></configuration>";

    assertThat(cut(xml))
        .isEqualTo("<configuration><system.webServer><x/></system.webServer></configuration>");
  }

  @Test
  void followsLocationDotButNotOtherLocations() {
    String xml =
        """
        <configuration>
          <location path=".">
            <system.webServer>
              <iisnode loggingEnabled="false"/>
            </system.webServer>
          </location>
          <location path="api">
            <system.webServer>
              <iisnode loggingEnabled="false"/>
            </system.webServer>
          </location>
          <system.webServer><iisnodeX/><other><iisnode/></other></system.webServer>
        </configuration>
        """;

    assertThat(cut(xml))
        .isEqualTo(
            """
        <configuration>
          <location path=".">
            <system.webServer>
            </system.webServer>
          </location>
          <location path="api">
            <system.webServer>
              <iisnode loggingEnabled="false"/>
            </system.webServer>
          </location>
          <system.webServer><iisnodeX/><other><iisnode/></other></system.webServer>
        </configuration>
        """);
  }

  @Test
  void cdataAndProcessingInstructionsAreNotElements() {
    String xml =
        "<configuration><system.webServer><x><![CDATA[<iisnode/>]]></x><?pi <iisnode/>?>"
            + "</system.webServer></configuration>";

    assertThat(cut(xml)).isEqualTo(xml);
  }
}
