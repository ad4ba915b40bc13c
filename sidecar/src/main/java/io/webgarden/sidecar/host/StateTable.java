package io.webgarden.sidecar.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allowed edges of a state machine. An edge outside the table is a bug in the host, reported as
 * an IllegalStateException naming both states rather than left to corrupt what /apps and the
 * admission rule see.
 */
final class StateTable<S extends Enum<S>> {
  /** One allowed edge. */
  record Edge<S>(S from, S to) {}

  private final Class<S> type;
  private final Map<S, Set<S>> allowed;

  StateTable(Class<S> type) {
    this.type = type;
    this.allowed = new EnumMap<>(type);
  }

  /** Allows {@code from → each of to}; for building the table. */
  @SafeVarargs
  final StateTable<S> allow(S from, S... to) {
    Set<S> next = allowed.computeIfAbsent(from, s -> EnumSet.noneOf(type));
    Collections.addAll(next, to);
    return this;
  }

  boolean allows(S from, S to) {
    return allowed.getOrDefault(from, Set.of()).contains(to);
  }

  /** Throws unless {@code from → to} is an edge of the table. */
  void check(S from, S to) {
    if (!allows(from, to)) {
      throw new IllegalStateException(
          type.getSimpleName() + " cannot go from " + from + " to " + to + ": not an allowed edge");
    }
  }

  /** Every edge, in declaration order of the states, for docs and tests. */
  List<Edge<S>> edges() {
    List<Edge<S>> edges = new ArrayList<>();
    for (S from : type.getEnumConstants()) {
      for (S to : allowed.getOrDefault(from, Set.of())) {
        edges.add(new Edge<>(from, to));
      }
    }
    return edges;
  }
}
