package io.webgarden.sidecar.logs;

import java.time.Instant;

/** One log file as found on disk, for the index and the quotas. */
record LogEntry(LogFileName name, long size, Instant lastWrite, boolean writing) {}
