package io.webgarden.sidecar.site;

/**
 * The web.config that Azure App Service generates for a Node app, verbatim, for any test that must
 * show it runs unchanged.
 */
public final class AzureNodeWebConfig {
  public static final String XML =
      """
      <?xml version="1.0" encoding="utf-8"?>
      <configuration>
        <system.webServer>
          <webSocket enabled="false" />
          <handlers>
            <add name="iisnode" path="server.js" verb="*" modules="iisnode"/>
          </handlers>
          <rewrite>
            <rules>
              <rule name="NodeInspector" patternSyntax="ECMAScript" stopProcessing="true">
                <match url="^server.js\\/debug[\\/]?" />
              </rule>
              <rule name="StaticContent">
                <action type="Rewrite" url="public{REQUEST_URI}"/>
              </rule>
              <rule name="DynamicContent">
                <conditions>
                  <add input="{REQUEST_FILENAME}" matchType="IsFile" negate="True"/>
                </conditions>
                <action type="Rewrite" url="server.js"/>
              </rule>
            </rules>
          </rewrite>
          <security>
            <requestFiltering>
              <hiddenSegments>
                <remove segment="bin"/>
              </hiddenSegments>
            </requestFiltering>
          </security>
          <httpErrors existingResponse="PassThrough" />
        </system.webServer>
      </configuration>
      """;

  private AzureNodeWebConfig() {}
}
