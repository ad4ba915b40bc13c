package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/lifecycle.md's state diagrams and edge tables say what the code's tables allow: every edge
 * of {@link ProcessPhase#EDGES} and {@link AppState#EDGES} is a row of the page's table, every row
 * an edge, and every state appears in the diagram.
 */
class HostStatesDocTest {
  private static final Path DOC = Path.of("..", "docs", "lifecycle.md");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| `([A-Z_]+)` \\|");

  private static String section(String start, String end) throws IOException {
    String doc = Files.readString(DOC);
    int from = doc.indexOf(start);
    assertThat(from).as("docs/lifecycle.md has a section %s", start).isNotNegative();
    int to = doc.indexOf(end, from + start.length());
    return doc.substring(from, to < 0 ? doc.length() : to);
  }

  private static List<String> rows(String section) {
    Matcher row = ROW.matcher(section);
    return row.results().map(r -> r.group(1) + " -> " + r.group(2)).toList();
  }

  private static <S extends Enum<S>> List<String> edges(StateTable<S> table) {
    return table.edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
  }

  private static String diagram(String section) {
    int open = section.indexOf("```");
    return section.substring(open, section.indexOf("```", open + 3));
  }

  @Test
  void theProcessTableOnThePageIsTheCodesTable() throws IOException {
    String section = section("### A process", "### An application");
    assertThat(rows(section)).containsExactlyInAnyOrderElementsOf(edges(ProcessPhase.EDGES));
    assertThat(diagram(section))
        .contains(Arrays.stream(ProcessPhase.values()).map(Enum::name).toList());
  }

  @Test
  void theApplicationTableOnThePageIsTheCodesTable() throws IOException {
    String section = section("### An application", "\n## ");
    assertThat(rows(section)).containsExactlyInAnyOrderElementsOf(edges(AppState.EDGES));
    assertThat(diagram(section))
        .contains(Arrays.stream(AppState.values()).map(Enum::name).toList());
  }

  @Test
  void anEdgeOutsideTheTableFailsNamingBothStates() {
    assertThatThrownBy(() -> ProcessPhase.EDGES.check(ProcessPhase.STOPPED, ProcessPhase.READY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOPPED")
        .hasMessageContaining("READY");
    assertThatThrownBy(() -> AppState.EDGES.check(AppState.IDLE, AppState.RECYCLING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from IDLE to RECYCLING");
  }
}
