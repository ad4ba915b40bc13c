package io.webgarden.sidecar.logs;

import java.util.OptionalLong;

/**
 * One request, as the access log records it.
 *
 * @param method the request method
 * @param url the request URI as received (path and query)
 * @param status the status code sent
 * @param bytesSent body bytes sent to the client
 * @param durationMillis from the request's arrival to the response's end
 * @param pid the node process that answered; empty when the sidecar answered by itself (static
 *     files, logs, errors, a full queue)
 * @param queueWaitMillis time spent in the application's pending queue; 0 when not queued
 */
public record AccessEntry(
    String method,
    String url,
    int status,
    long bytesSent,
    long durationMillis,
    OptionalLong pid,
    long queueWaitMillis) {}
