package io.webgarden.e2e.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * What a docker-archive tarball (Jib's {@code buildTar} output) says about its image: the name it
 * imports as and the image config's entrypoint, args and user. JSON is read as YAML, its superset.
 */
record ImageArchive(
    Path tar, String repoTag, List<String> entrypoint, List<String> args, String user) {

  @SuppressWarnings("unchecked")
  static ImageArchive read(Path tar) throws IOException, InterruptedException {
    List<Map<String, Object>> manifest =
        (List<Map<String, Object>>) new Yaml().load(entry(tar, "manifest.json"));
    Map<String, Object> image = manifest.get(0);
    List<String> tags = (List<String>) image.get("RepoTags");
    Map<String, Object> config =
        (Map<String, Object>)
            ((Map<String, Object>) new Yaml().load(entry(tar, (String) image.get("Config"))))
                .get("config");
    return new ImageArchive(
        tar,
        tags.size() == 1 ? tags.get(0) : String.valueOf(tags),
        (List<String>) config.getOrDefault("Entrypoint", List.of()),
        (List<String>) config.getOrDefault("Cmd", List.of()),
        (String) config.get("User"));
  }

  private static String entry(Path tar, String name) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("tar", "-xOf", tar.toString(), name).start();
    String content = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("cannot read " + name + " from " + tar + ": " + errors);
    }
    return content;
  }
}
