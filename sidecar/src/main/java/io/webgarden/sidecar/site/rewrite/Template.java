package io.webgarden.sidecar.site.rewrite;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A condition {@code input} or an action {@code url}, parsed once into literal text, server
 * variables ({@code {HTTP_HOST}}), back-references ({@code {R:1}}, {@code {C:0}}) and the built-in
 * functions {@code ToLower}, {@code ToUpper}, {@code UrlEncode}, {@code UrlDecode}.
 */
public record Template(String source, List<Part> parts) {

  public Template {
    parts = List.copyOf(parts);
  }

  /** One piece of a template. */
  public sealed interface Part {}

  /** Text copied as is. */
  public record Literal(String text) implements Part {}

  /** A server variable; the name is kept in upper case. */
  public record Variable(String upperName) implements Part {}

  /** {@code {R:n}} (rule capture) or {@code {C:n}} (condition capture). */
  public record BackReference(boolean rule, int group) implements Part {}

  /** {@code {ToLower:...}} and the other built-in functions. */
  public record Function(String name, Template argument) implements Part {}

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException for a rewrite map reference ({@code {MapName:...}}), which is
   *     not supported
   */
  public static Template parse(String source) {
    List<Part> parts = new ArrayList<>();
    int literalStart = 0;
    int i = 0;
    while (i < source.length()) {
      int close = source.charAt(i) == '{' ? matchingBrace(source, i) : -1;
      if (close < 0) {
        i++;
        continue;
      }
      if (i > literalStart) {
        parts.add(new Literal(source.substring(literalStart, i)));
      }
      parts.add(part(source.substring(i + 1, close)));
      i = close + 1;
      literalStart = i;
    }
    if (literalStart < source.length()) {
      parts.add(new Literal(source.substring(literalStart)));
    }
    return new Template(source, parts);
  }

  private static int matchingBrace(String source, int open) {
    int depth = 0;
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1; // an unclosed brace is literal text
  }

  private static Part part(String inside) {
    int colon = inside.indexOf(':');
    if (colon < 0) {
      return new Variable(inside.trim().toUpperCase(Locale.ROOT));
    }
    String name = inside.substring(0, colon).trim();
    String argument = inside.substring(colon + 1);
    if ((name.equalsIgnoreCase("R") || name.equalsIgnoreCase("C"))
        && argument.matches("\\d{1,3}")) {
      return new BackReference(name.equalsIgnoreCase("R"), Integer.parseInt(argument));
    }
    String function = name.toLowerCase(Locale.ROOT);
    if (List.of("tolower", "toupper", "urlencode", "urldecode").contains(function)) {
      return new Function(function, parse(argument));
    }
    throw new IllegalArgumentException(
        "{"
            + inside
            + "} refers to the rewrite map '"
            + name
            + "', which webgarden does not"
            + " support; replace it with explicit rules");
  }

  /** Expands the template for one request. */
  public String expand(RewriteContext context, RequestUrl current, String[] rule, String[] cond) {
    if (parts.size() == 1 && parts.get(0) instanceof Literal literal) {
      return literal.text();
    }
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Variable variable) {
        out.append(context.serverVariable(variable.upperName(), current));
      } else if (part instanceof BackReference ref) {
        String[] captures = ref.rule() ? rule : cond;
        if (ref.group() < captures.length) {
          out.append(captures[ref.group()]);
        }
      } else if (part instanceof Function function) {
        out.append(
            apply(function.name(), function.argument().expand(context, current, rule, cond)));
      }
    }
    return out.toString();
  }

  private static String apply(String function, String value) {
    return switch (function) {
      case "tolower" -> value.toLowerCase(Locale.ROOT);
      case "toupper" -> value.toUpperCase(Locale.ROOT);
      case "urlencode" -> URLEncoder.encode(value, StandardCharsets.UTF_8);
      default -> urlDecode(value);
    };
  }

  private static String urlDecode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value; // IIS leaves a malformed escape as it is
    }
  }
}
