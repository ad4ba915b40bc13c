package io.webgarden.e2e.node;

/** A status code and body that {@link Fetch} printed. */
record HttpAnswer(int status, String body) {

  static HttpAnswer parse(String fetchOutput) {
    int newline = fetchOutput.indexOf('\n');
    return new HttpAnswer(
        Integer.parseInt(fetchOutput.substring(0, newline).strip()),
        fetchOutput.substring(newline + 1));
  }
}
