package io.webgarden.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the API server's audit log, which {@code up} writes with one JSON line per write request
 * (create, update, patch, delete) at Metadata level: who wrote what, when, with what result.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /** One write as the API server saw it. */
  public record Event(
      String user,
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code,
      Instant time) {

    /** {@code resource[/subresource] namespace/name}, for messages. */
    public String describe() {
      return verb
          + " "
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource)
          + " "
          + (namespace.isEmpty() ? "" : namespace + "/")
          + name
          + " -> "
          + code
          + " by "
          + user;
    }
  }

  /** A position in the log: {@link #since(Mark)} returns only what was written after it. */
  public record Mark(long offset) {}

  /** The current end of the log. */
  public Mark mark() {
    try {
      return new Mark(Files.exists(file) ? Files.size(file) : 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every complete line written after {@code mark}. */
  public List<Event> since(Mark mark) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size() - mark.offset();
      if (length <= 0) {
        return List.of();
      }
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length));
      channel.read(buffer, mark.offset());
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<Event> events = new ArrayList<>();
      int end = text.lastIndexOf('\n'); // a line still being written is left for the next read
      for (String line : text.substring(0, Math.max(end, 0)).split("\n")) {
        if (!line.isBlank()) {
          events.add(parse(JSON.readTree(line)));
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** Writes by {@code user} after {@code mark}. */
  public List<Event> writesBy(String user, Mark mark) {
    return since(mark).stream().filter(e -> e.user().equals(user)).toList();
  }

  private static Event parse(JsonNode line) {
    JsonNode ref = line.path("objectRef");
    return new Event(
        line.path("user").path("username").asText(),
        line.path("verb").asText(),
        ref.path("apiGroup").asText(),
        ref.path("resource").asText(),
        ref.path("subresource").asText(),
        ref.path("namespace").asText(),
        ref.path("name").asText(),
        line.path("responseStatus").path("code").asInt(),
        Instant.parse(line.path("stageTimestamp").asText("1970-01-01T00:00:00Z")));
  }
}
