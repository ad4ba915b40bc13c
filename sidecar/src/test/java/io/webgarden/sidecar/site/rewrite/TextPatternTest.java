package io.webgarden.sidecar.site.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextPatternTest {

  private static String[] ecma(String pattern, String input) {
    return TextPattern.compile(PatternSyntax.ECMA_SCRIPT, pattern, true).match(input);
  }

  @Test
  void ecmaScriptSearchesAndReturnsGroupsWithEmptyForUnmatchedOnes() {
    assertThat(ecma("b(\\d+)(x)?", "ab12c")).containsExactly("b12", "12", "");
    assertThat(ecma("^b", "ab")).isNull();
  }

  @Test
  void dollarIsTheEndOfInputNotBeforeAFinalNewline() {
    assertThat(ecma("a$", "a\n")).isNull();
    assertThat(ecma("a$", "a")).isNotNull();
  }

  @Test
  void ecmaScriptOnlyConstructsAreTranslated() {
    assertThat(ecma("[^]+", "a\nb")).containsExactly("a\nb");
    assertThat(ecma("x[]", "x")).isNull();
    assertThat(ecma("[[]", "[")).containsExactly("[");
    assertThat(ecma("[a&&b]", "&")).containsExactly("&");
    assertThat(ecma("a{b", "a{b")).containsExactly("a{b");
    assertThat(ecma("a{2}", "aa")).containsExactly("aa");
    assertThat(ecma("\\0", "\0")).isNotNull();
    assertThat(ecma("^server.js\\/debug[\\/]?", "server.js/debug/")).isNotNull();
  }

  @Test
  void wildcardMatchesTheWholeInputAndCapturesStars() {
    TextPattern pattern = TextPattern.compile(PatternSyntax.WILDCARD, "*/file?.*", true);

    assertThat(pattern.match("dir/FILE1.txt")).containsExactly("dir/FILE1.txt", "dir", "txt");
    assertThat(pattern.match("dir/file12.txt")).isNull();
    assertThat(TextPattern.compile(PatternSyntax.WILDCARD, "a.b", true).match("axb")).isNull();
  }

  @Test
  void exactMatchComparesWholeStrings() {
    assertThat(TextPattern.compile(PatternSyntax.EXACT_MATCH, "Home", true).match("home"))
        .containsExactly("home");
    assertThat(TextPattern.compile(PatternSyntax.EXACT_MATCH, "Home", false).match("home"))
        .isNull();
  }

  @Test
  void anInvalidPatternSaysWhereItBreaks() {
    assertThatThrownBy(() -> TextPattern.compile(PatternSyntax.ECMA_SCRIPT, "(a", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'(a' is not a valid ECMAScript pattern");
  }
}
