package io.webgarden.sidecar.errors;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Reason phrases for the statuses the sidecar answers with. */
final class HttpStatusText {
  private HttpStatusText() {}

  static String of(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
