package io.webgarden.sidecar.host;

import java.util.List;

/** An application as {@code GET /apps} shows it. */
public record AppStatus(
    String name,
    AppState state,
    int revision,
    int queueDepth,
    String outOfServiceCause,
    List<ProcessStatus> processes) {}
