package io.webgarden.sidecar.config;

import static io.webgarden.sidecar.config.SettingType.BOOL;
import static io.webgarden.sidecar.config.SettingType.ENUM;
import static io.webgarden.sidecar.config.SettingType.INT;
import static io.webgarden.sidecar.config.SettingType.STRING;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The table of settings: iisnode's own (same names, same defaults) and webgarden's additions.
 *
 * <p>Names are exact: they are web.config {@code iisnode} attributes, iisnode.yml keys, {@code
 * IISNODE_<name>} variables and fields of the App resource's {@code spec.hosting}.
 */
public enum Setting {
  NODE_ENV(
      "node_env",
      STRING,
      "",
      "NODE_ENV of the application's processes; empty means the sidecar's own NODE_ENV. When it is"
          + " `production`, devErrorsEnabled and debuggingEnabled default to false."),
  NODE_PROCESS_COMMAND_LINE(
      "nodeProcessCommandLine",
      STRING,
      "node",
      "Command that starts a process; the script path is appended. May carry arguments, e.g."
          + " `node --max-old-space-size=256`."),
  NODE_PROCESS_COUNT_PER_APPLICATION(
      "nodeProcessCountPerApplication",
      INT,
      "1",
      0,
      1024,
      "Processes per application (the web garden); 0 means one per CPU."),
  NODE_PROCESS_STICKY_SESSIONS(
      "nodeProcessStickySessions",
      BOOL,
      "false",
      "Pin each client to one process with a cookie (`webgarden-sticky-<hash>`, HttpOnly,"
          + " SameSite=Lax, Path of the application's folder), so that socket.io's long-polling"
          + " and upgrade reach the process that holds the session; a client whose process is gone"
          + " or busy goes to the next one and gets a new cookie. The name of Azure's iisnode"
          + " fork."),
  MAX_CONCURRENT_REQUESTS_PER_PROCESS(
      "maxConcurrentRequestsPerProcess",
      INT,
      "1024",
      1,
      null,
      "Requests a process handles at once; more wait in the pending queue."),
  MAX_PENDING_REQUESTS(
      "maxPendingRequests",
      INT,
      "1000",
      0,
      null,
      "Length of the application's FIFO queue (IIS's app-pool queue length). A full queue answers"
          + " 503 with Retry-After at once."),
  PENDING_REQUEST_TIMEOUT(
      "pendingRequestTimeout",
      INT,
      "30000",
      1,
      null,
      "Milliseconds a request may wait in the queue before it gets 503."),
  MAX_NAMED_PIPE_CONNECTION_RETRY(
      "maxNamedPipeConnectionRetry",
      INT,
      "100",
      0,
      null,
      "Accepted for compatibility; ignored. iisnode gave a start this many attempts times"
          + " namedPipeConnectionRetryDelay (25 s); the sidecar's limit is processStartTimeoutMs."),
  NAMED_PIPE_CONNECTION_RETRY_DELAY(
      "namedPipeConnectionRetryDelay",
      INT,
      "250",
      0,
      null,
      "Longest wait, in milliseconds, between attempts to connect to a starting process's socket"
          + " (the first ones come faster, so a quick app is served at once)."),
  MAX_NAMED_PIPE_CONNECTION_POOL_SIZE(
      "maxNamedPipeConnectionPoolSize",
      INT,
      "512",
      1,
      null,
      "Keep-alive connections kept open to each process."),
  MAX_NAMED_PIPE_POOLED_CONNECTION_AGE(
      "maxNamedPipePooledConnectionAge",
      INT,
      "30000",
      0,
      null,
      "Milliseconds after which a pooled connection is no longer reused."),
  INITIAL_REQUEST_BUFFER_SIZE(
      "initialRequestBufferSize",
      INT,
      "4096",
      1,
      null,
      "Accepted for compatibility; the sidecar streams and sizes its buffers itself."),
  MAX_REQUEST_BUFFER_SIZE(
      "maxRequestBufferSize",
      INT,
      "65536",
      1,
      null,
      "Largest request or response header block in bytes (larger requests get 431); also the"
          + " largest request body kept for a retry on another process."),
  ASYNC_COMPLETION_THREAD_COUNT(
      "asyncCompletionThreadCount",
      INT,
      "0",
      0,
      null,
      "Accepted for compatibility; ignored (Windows I/O completion threads)."),
  INTERCEPTOR(
      "interceptor",
      STRING,
      "iisnode\\interceptor.js",
      "Accepted for compatibility; ignored (processes receive PORT directly)."),
  WATCHED_FILES(
      "watchedFiles",
      STRING,
      "*.js;*.mjs;*.cjs;iisnode.yml",
      "Semicolon-separated files, relative to the application's folder with wildcards in the file"
          + " name, whose change recycles the application. The entry point is always watched."
          + " iisnode's default was `*.js;iisnode.yml`; webgarden adds ES modules and CommonJS"
          + " files."),
  UNC_FILE_CHANGES_POLLING_INTERVAL(
      "uncFileChangesPollingInterval",
      INT,
      "5000",
      100,
      null,
      "Milliseconds between polls for file systems that send no change notifications."),
  GRACEFUL_SHUTDOWN_TIMEOUT(
      "gracefulShutdownTimeout",
      INT,
      "60000",
      0,
      null,
      "Milliseconds a stopping process may finish in-flight requests before SIGTERM, then"
          + " SIGKILL."),
  LOGGING_ENABLED(
      "loggingEnabled",
      BOOL,
      "true",
      "Capture each process's stdout and stderr to files served over HTTP."),
  LOG_DIRECTORY(
      "logDirectory",
      STRING,
      "iisnode",
      "Folder, relative to the application's folder, holding captured logs."),
  DEBUGGING_ENABLED(
      "debuggingEnabled",
      BOOL,
      "true",
      "Serve the integrated debugger at `/<script>/<debuggerPathSegment>/`. Off when node_env is"
          + " production."),
  DEBUGGER_PORT_RANGE(
      "debuggerPortRange",
      STRING,
      "5058-6058",
      "Loopback ports the inspector may use, `low-high`. iisnode.yml also accepts"
          + " `debugPortRange`."),
  DEBUGGER_PATH_SEGMENT(
      "debuggerPathSegment",
      STRING,
      "debug",
      "URL segment after the script that reaches the debugger."),
  DEBUGGER_ACCESS_TOKEN(
      "debuggerAccessToken",
      STRING,
      "",
      "The debugger answers clients on loopback (in the pod, or through `kubectl port-forward`);"
          + " when set, also others that send `Authorization: Bearer <token>` or `?token=<token>`."
          + " A webgarden addition: iisnode served the debugger to anyone who reached the app."),
  DEBUGGER_EXTENSION_DLL(
      "debuggerExtensionDll",
      STRING,
      "",
      "Accepted for compatibility; ignored (Windows debugger extension)."),
  DEBUG_HEADER_ENABLED(
      "debugHeaderEnabled",
      BOOL,
      "false",
      "Add an `iisnode-debug` diagnostics header to every response from a node app."),
  MAX_LOG_FILE_SIZE_IN_KB(
      "maxLogFileSizeInKB",
      INT,
      "128",
      1,
      null,
      "A log file reaching this size is closed and a new one continues."),
  MAX_TOTAL_LOG_FILE_SIZE_IN_KB(
      "maxTotalLogFileSizeInKB",
      INT,
      "1024",
      1,
      null,
      "Above this total, the oldest idle log files are deleted."),
  MAX_LOG_FILES(
      "maxLogFiles",
      INT,
      "20",
      1,
      null,
      "Above this count, the oldest idle log files are deleted."),
  DEV_ERRORS_ENABLED(
      "devErrorsEnabled",
      BOOL,
      "true",
      "Answer failures with an HTML page naming the cause (HTTP 200, iisnode's convention)"
          + " instead of a bare 5xx. Off when node_env is production."),
  FLUSH_RESPONSE(
      "flushResponse", BOOL, "false", "Flush each response chunk to the client at once."),
  ENABLE_XFF(
      "enableXFF",
      BOOL,
      "false",
      "Append the client address to X-Forwarded-For and add X-Forwarded-Proto when absent."),
  PROMOTE_SERVER_VARS(
      "promoteServerVars",
      STRING,
      "",
      "Comma-separated IIS server variables sent to the app as `x-iisnode-<name>` headers."),
  CONFIG_OVERRIDES(
      "configOverrides",
      STRING,
      "iisnode.yml",
      "File beside the application whose `key: value` lines override web.config."),
  RECYCLE_SIGNAL_ENABLED(
      "recycleSignalEnabled",
      BOOL,
      "false",
      "Give processes IISNODE_CONTROL_PIPE; writing `recycle` to it recycles the process."),
  IDLE_PAGE_OUT_TIME_PERIOD(
      "idlePageOutTimePeriod",
      INT,
      "0",
      0,
      null,
      "Accepted for compatibility; ignored (Windows paged out idle processes; Linux has no"
          + " equivalent). See idleTimeoutMs."),
  PERIODIC_RECYCLE_MINUTES(
      "periodicRecycleMinutes",
      INT,
      "0",
      0,
      null,
      "Recycle each process after this many minutes; 0 is off."),
  RECYCLE_AFTER_REQUESTS(
      "recycleAfterRequests",
      INT,
      "0",
      0,
      null,
      "Recycle each process after it served this many requests; 0 is off."),
  RECYCLE_ABOVE_MEMORY_MB(
      "recycleAboveMemoryMB",
      INT,
      "0",
      0,
      null,
      "Recycle a process whose resident memory exceeds this many MiB; 0 is off."),
  RECYCLE_AT_TIMES("recycleAtTimes", STRING, "", "Local times of day to recycle, `HH:mm;HH:mm`."),
  HEALTH_CHECK_PATH(
      "healthCheckPath",
      STRING,
      "",
      "Path each process is pinged at; a failed ping recycles it. Empty is off."),
  HEALTH_CHECK_INTERVAL_MS(
      "healthCheckIntervalMs", INT, "10000", 100, null, "Milliseconds between health pings."),
  HEALTH_CHECK_TIMEOUT_MS(
      "healthCheckTimeoutMs", INT, "5000", 1, null, "Milliseconds a health ping may take."),
  ORPHAN_HUNG_PROCESSES(
      "orphanHungProcesses",
      BOOL,
      "false",
      "Leave a hung process running for orphanTimeoutMs (without requests) instead of killing"
          + " it at once."),
  ORPHAN_TIMEOUT_MS(
      "orphanTimeoutMs",
      INT,
      "60000",
      0,
      null,
      "Milliseconds an orphaned process lives before it is killed."),
  ORPHAN_COMMAND(
      "orphanCommand",
      STRING,
      "",
      "Command run for an orphaned process, `{pid}` substituted (e.g. to take a heap snapshot)."),
  RAPID_FAIL_PROTECTION(
      "rapidFailProtection",
      BOOL,
      "true",
      "Take an application out of service when its processes are in a crash loop."),
  RAPID_FAIL_MAX_CRASHES(
      "rapidFailMaxCrashes",
      INT,
      "5",
      1,
      null,
      "Crash-loop crashes (a process dying before it is ready or within 10 s of it) within"
          + " rapidFailIntervalMs that take the application out of service, once no process of"
          + " it is ready."),
  RAPID_FAIL_INTERVAL_MS(
      "rapidFailIntervalMs",
      INT,
      "300000",
      1,
      null,
      "Window, in milliseconds, over which crashes are counted."),
  READINESS_INCLUDES_APPLICATIONS(
      "readinessIncludesApplications",
      BOOL,
      "true",
      "`/readyz` fails while an application with preloadEnabled has no ready process (starting,"
          + " warming up, failed to start, out of service). On-demand applications never make it"
          + " fail; it names them."),
  INITIALIZATION_PAGES(
      "initializationPages",
      STRING,
      "",
      "Semicolon-separated paths requested from each new process before it takes traffic."),
  PRELOAD_ENABLED(
      "preloadEnabled",
      BOOL,
      "false",
      "Start applications when the sidecar starts instead of on their first request."),
  IDLE_TIMEOUT_MS(
      "idleTimeoutMs",
      INT,
      "0",
      0,
      null,
      "Stop an application's processes after this many milliseconds without requests; 0 is"
          + " off."),
  PROCESS_START_TIMEOUT_MS(
      "processStartTimeoutMs",
      INT,
      "30000",
      1,
      null,
      "Milliseconds a new process has to listen on its socket (and each initialization page to"
          + " answer); the only limit on a start."),
  LOG_ACCESS_TOKEN(
      "logAccessToken",
      STRING,
      "",
      "When set, log URLs require `Authorization: Bearer <token>` or `?token=<token>`."),
  LOG_ROOT(
      "logRoot",
      STRING,
      "",
      "Writable folder for logs when the application's folder is read-only; empty is the system"
          + " temp folder."),
  LOG_FORMAT(
      "logFormat",
      ENUM,
      "text",
      List.of("text", "json"),
      "Format of lines mirrored to the sidecar's stdout."),
  ACCESS_LOG_ENABLED(
      "accessLogEnabled", BOOL, "true", "Write one access-log line per request to stdout.");

  private static final Map<String, Setting> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  private final String key;
  private final SettingType type;
  private final String defaultValue;
  private final Integer min;
  private final Integer max;
  private final List<String> allowedValues;
  private final String meaning;

  Setting(String key, SettingType type, String defaultValue, String meaning) {
    this(key, type, defaultValue, null, null, List.of(), meaning);
  }

  Setting(
      String key, SettingType type, String defaultValue, Integer min, Integer max, String meaning) {
    this(key, type, defaultValue, min, max, List.of(), meaning);
  }

  Setting(
      String key,
      SettingType type,
      String defaultValue,
      List<String> allowedValues,
      String meaning) {
    this(key, type, defaultValue, null, null, allowedValues, meaning);
  }

  Setting(
      String key,
      SettingType type,
      String defaultValue,
      Integer min,
      Integer max,
      List<String> allowedValues,
      String meaning) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.allowedValues = allowedValues;
    this.meaning = meaning;
  }

  /** Looks a setting up by its exact name, accepting iisnode.yml's {@code debugPortRange}. */
  public static Optional<Setting> byKey(String key) {
    if ("debugPortRange".equals(key)) {
      return Optional.of(DEBUGGER_PORT_RANGE);
    }
    return Optional.ofNullable(BY_NAME.get(key));
  }

  public String key() {
    return key;
  }

  /**
   * The known name closest to {@code key}, for typo warnings: the shortest one that begins with it
   * (a name cut short), else the one at the smallest edit distance, ignoring case.
   */
  public static String nearest(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting setting : values()) {
      String known = setting.key.toLowerCase(Locale.ROOT);
      int distance =
          known.startsWith(lower)
              ? known.length() - lower.length() - 1_000_000
              : distance(lower, known);
      if (distance < bestDistance) {
        best = setting.key;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance, two rows. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  public SettingType type() {
    return type;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public Optional<Integer> min() {
    return Optional.ofNullable(min);
  }

  public Optional<Integer> max() {
    return Optional.ofNullable(max);
  }

  public List<String> allowedValues() {
    return allowedValues;
  }

  public String meaning() {
    return meaning;
  }

  /** Bounds as docs/configuration.md prints them: {@code 0..1024}, {@code 1..} or empty. */
  public String boundsText() {
    if (type == ENUM) {
      return "one of: " + String.join(", ", allowedValues);
    }
    if (min == null && max == null) {
      return "";
    }
    return (min == null ? "" : min) + ".." + (max == null ? "" : max);
  }
}
