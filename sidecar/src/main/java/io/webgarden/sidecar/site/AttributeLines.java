package io.webgarden.sidecar.site;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of each attribute of a start tag. SAX only reports where a tag ends, and an {@code
 * <iisnode>} element is often written one attribute per line; an error page that names the
 * attribute's own line is what a user needs.
 */
final class AttributeLines {
  private final String text;
  private final int[] lineStarts;

  AttributeLines(String text) {
    this.text = text;
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    lineStarts = new int[lines];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts[line++] = i + 1;
      }
    }
  }

  /**
   * The line of {@code attribute} in the start tag of {@code element} that ends at the given SAX
   * position, or {@code endLine} when it cannot be found.
   */
  int lineOf(String element, String attribute, int endLine, int endColumn) {
    if (endLine < 1 || endLine > lineStarts.length) {
      return endLine;
    }
    int end = Math.min(text.length(), lineStarts[endLine - 1] + Math.max(endColumn - 1, 0));
    int tagStart = text.lastIndexOf("<" + element, end);
    if (tagStart < 0) {
      return endLine;
    }
    Matcher matcher =
        Pattern.compile("(?<![\\w.:-])" + Pattern.quote(attribute) + "\\s*=")
            .matcher(text)
            .region(tagStart, end);
    return matcher.find() ? lineAt(matcher.start()) : endLine;
  }

  private int lineAt(int index) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (lineStarts[middle] <= index) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low + 1;
  }
}
