package io.webgarden.sidecar.migrate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts whole elements out of a web.config's text by their path ({@code
 * configuration/system.webServer/iisnode}), keeping every other character as written: comments,
 * indentation, attribute order. A DOM round trip would lose those, and spec.webConfig should read
 * like the user's own file. Elements in {@code <location path=".">} count as the folder's own, as
 * for the sidecar; other locations are left alone. The text must be well-formed XML.
 */
final class WebConfigSections {
  private static final Pattern LOCATION_PATH =
      Pattern.compile("\\spath\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

  private WebConfigSections() {}

  static String remove(String xml, Set<String> paths) {
    List<int[]> spans = spans(xml, paths);
    StringBuilder out = new StringBuilder(xml);
    for (int i = spans.size() - 1; i >= 0; i--) {
      int[] span = wholeLines(xml, spans.get(i)[0], spans.get(i)[1]);
      out.delete(span[0], span[1]);
    }
    return out.toString();
  }

  /** [start, end) of each element to remove, in document order, never nested. */
  private static List<int[]> spans(String xml, Set<String> paths) {
    List<int[]> spans = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>();
    int cutDepth = -1;
    int cutStart = 0;
    int i = 0;
    while ((i = xml.indexOf('<', i)) >= 0) {
      int start = i;
      if (xml.startsWith("<!--", i)) {
        i = after(xml, "-->", i);
      } else if (xml.startsWith("<![CDATA[", i)) {
        i = after(xml, "]]>", i);
      } else if (xml.startsWith("<?", i)) {
        i = after(xml, "?>", i);
      } else if (xml.startsWith("<!", i)) {
        i = after(xml, ">", i);
      } else {
        i = tagEnd(xml, i);
        String tag = xml.substring(start, i);
        if (tag.startsWith("</")) {
          open.pop();
          if (open.size() == cutDepth) {
            spans.add(new int[] {cutStart, i});
            cutDepth = -1;
          }
          continue;
        }
        String path = path(open.isEmpty() ? "" : open.peek(), tag);
        if (cutDepth < 0 && paths.contains(path)) {
          cutDepth = open.size();
          cutStart = start;
        }
        if (!tag.endsWith("/>")) {
          open.push(path);
        } else if (open.size() == cutDepth) {
          spans.add(new int[] {cutStart, i});
          cutDepth = -1;
        }
      }
    }
    return spans;
  }

  private static String path(String parent, String tag) {
    int end = 1;
    while (end < tag.length() && !isNameEnd(tag.charAt(end))) {
      end++;
    }
    String name = tag.substring(1, end);
    if (name.equals("location") && parent.equals("configuration")) {
      Matcher location = LOCATION_PATH.matcher(tag);
      String value =
          location.find()
              ? (location.group(1) != null ? location.group(1) : location.group(2)).strip()
              : "";
      if (value.isEmpty() || value.equals(".")) {
        return parent; // this folder's own settings, as the sidecar reads them
      }
    }
    return parent.isEmpty() ? name : parent + '/' + name;
  }

  private static boolean isNameEnd(char c) {
    return Character.isWhitespace(c) || c == '>' || c == '/';
  }

  /** The index after a start or end tag's {@code >}, skipping quoted attribute values. */
  private static int tagEnd(String xml, int lt) {
    char quote = 0;
    for (int i = lt + 1; i < xml.length(); i++) {
      char c = xml.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    return xml.length();
  }

  private static int after(String xml, String terminator, int from) {
    int end = xml.indexOf(terminator, from);
    return end < 0 ? xml.length() : end + terminator.length();
  }

  /** Widens a span to its whole lines when nothing else shares them, so no blank line remains. */
  private static int[] wholeLines(String xml, int start, int end) {
    int lineStart = start;
    while (lineStart > 0 && isBlank(xml.charAt(lineStart - 1))) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < xml.length() && isBlank(xml.charAt(lineEnd))) {
      lineEnd++;
    }
    boolean startsLine = lineStart == 0 || xml.charAt(lineStart - 1) == '\n';
    if (lineEnd < xml.length() && xml.charAt(lineEnd) == '\r') {
      lineEnd++;
    }
    boolean endsLine = lineEnd == xml.length() || xml.charAt(lineEnd) == '\n';
    if (!startsLine || !endsLine) {
      return new int[] {start, end};
    }
    return new int[] {lineStart, Math.min(lineEnd + 1, xml.length())};
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
