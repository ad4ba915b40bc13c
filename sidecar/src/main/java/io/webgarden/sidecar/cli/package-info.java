/**
 * The command line: {@code webgarden-sidecar serve <siteDir> --port <port> [--admin-port <port>]
 * [--settings <file.yml>]}. Picocli parses and documents it; a bad argument is one line on stderr
 * and exit code 2.
 */
package io.webgarden.sidecar.cli;
