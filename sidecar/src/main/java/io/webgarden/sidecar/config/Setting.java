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
  NODE_ENV("node_env", STRING, ""),
  NODE_PROCESS_COMMAND_LINE("nodeProcessCommandLine", STRING, "node"),
  NODE_PROCESS_COUNT_PER_APPLICATION("nodeProcessCountPerApplication", INT, "1", 0, 1024),
  NODE_PROCESS_STICKY_SESSIONS("nodeProcessStickySessions", BOOL, "false"),
  MAX_CONCURRENT_REQUESTS_PER_PROCESS("maxConcurrentRequestsPerProcess", INT, "1024", 1, null),
  MAX_PENDING_REQUESTS("maxPendingRequests", INT, "1000", 0, null),
  PENDING_REQUEST_TIMEOUT("pendingRequestTimeout", INT, "30000", 1, null),
  MAX_NAMED_PIPE_CONNECTION_RETRY("maxNamedPipeConnectionRetry", INT, "100", 0, null),
  NAMED_PIPE_CONNECTION_RETRY_DELAY("namedPipeConnectionRetryDelay", INT, "250", 0, null),
  MAX_NAMED_PIPE_CONNECTION_POOL_SIZE("maxNamedPipeConnectionPoolSize", INT, "512", 1, null),
  MAX_NAMED_PIPE_POOLED_CONNECTION_AGE("maxNamedPipePooledConnectionAge", INT, "30000", 0, null),
  INITIAL_REQUEST_BUFFER_SIZE("initialRequestBufferSize", INT, "4096", 1, null),
  MAX_REQUEST_BUFFER_SIZE("maxRequestBufferSize", INT, "65536", 1, null),
  ASYNC_COMPLETION_THREAD_COUNT("asyncCompletionThreadCount", INT, "0", 0, null),
  INTERCEPTOR("interceptor", STRING, "iisnode\\interceptor.js"),
  WATCHED_FILES("watchedFiles", STRING, "*.js;*.mjs;*.cjs;iisnode.yml"),
  UNC_FILE_CHANGES_POLLING_INTERVAL("uncFileChangesPollingInterval", INT, "5000", 100, null),
  GRACEFUL_SHUTDOWN_TIMEOUT("gracefulShutdownTimeout", INT, "60000", 0, null),
  LOGGING_ENABLED("loggingEnabled", BOOL, "true"),
  LOG_DIRECTORY("logDirectory", STRING, "iisnode"),
  DEBUGGING_ENABLED("debuggingEnabled", BOOL, "true"),
  DEBUGGER_PORT_RANGE("debuggerPortRange", STRING, "5058-6058"),
  DEBUGGER_PATH_SEGMENT("debuggerPathSegment", STRING, "debug"),
  DEBUGGER_ACCESS_TOKEN("debuggerAccessToken", STRING, ""),
  DEBUGGER_EXTENSION_DLL("debuggerExtensionDll", STRING, ""),
  DEBUG_HEADER_ENABLED("debugHeaderEnabled", BOOL, "false"),
  MAX_LOG_FILE_SIZE_IN_KB("maxLogFileSizeInKB", INT, "128", 1, null),
  MAX_TOTAL_LOG_FILE_SIZE_IN_KB("maxTotalLogFileSizeInKB", INT, "1024", 1, null),
  MAX_LOG_FILES("maxLogFiles", INT, "20", 1, null),
  DEV_ERRORS_ENABLED("devErrorsEnabled", BOOL, "true"),
  FLUSH_RESPONSE("flushResponse", BOOL, "false"),
  ENABLE_XFF("enableXFF", BOOL, "false"),
  PROMOTE_SERVER_VARS("promoteServerVars", STRING, ""),
  CONFIG_OVERRIDES("configOverrides", STRING, "iisnode.yml"),
  RECYCLE_SIGNAL_ENABLED("recycleSignalEnabled", BOOL, "false"),
  IDLE_PAGE_OUT_TIME_PERIOD("idlePageOutTimePeriod", INT, "0", 0, null),
  PERIODIC_RECYCLE_MINUTES("periodicRecycleMinutes", INT, "0", 0, null),
  RECYCLE_AFTER_REQUESTS("recycleAfterRequests", INT, "0", 0, null),
  RECYCLE_ABOVE_MEMORY_MB("recycleAboveMemoryMB", INT, "0", 0, null),
  RECYCLE_AT_TIMES("recycleAtTimes", STRING, ""),
  HEALTH_CHECK_PATH("healthCheckPath", STRING, ""),
  HEALTH_CHECK_INTERVAL_MS("healthCheckIntervalMs", INT, "10000", 100, null),
  HEALTH_CHECK_TIMEOUT_MS("healthCheckTimeoutMs", INT, "5000", 1, null),
  ORPHAN_HUNG_PROCESSES("orphanHungProcesses", BOOL, "false"),
  ORPHAN_TIMEOUT_MS("orphanTimeoutMs", INT, "60000", 0, null),
  ORPHAN_COMMAND("orphanCommand", STRING, ""),
  RAPID_FAIL_PROTECTION("rapidFailProtection", BOOL, "true"),
  RAPID_FAIL_MAX_CRASHES("rapidFailMaxCrashes", INT, "5", 1, null),
  RAPID_FAIL_INTERVAL_MS("rapidFailIntervalMs", INT, "300000", 1, null),
  READINESS_INCLUDES_APPLICATIONS("readinessIncludesApplications", BOOL, "true"),
  INITIALIZATION_PAGES("initializationPages", STRING, ""),
  PRELOAD_ENABLED("preloadEnabled", BOOL, "false"),
  IDLE_TIMEOUT_MS("idleTimeoutMs", INT, "0", 0, null),
  PROCESS_START_TIMEOUT_MS("processStartTimeoutMs", INT, "30000", 1, null),
  LOG_ACCESS_TOKEN("logAccessToken", STRING, ""),
  LOG_ROOT("logRoot", STRING, ""),
  LOG_FORMAT("logFormat", ENUM, "text", List.of("text", "json")),
  ACCESS_LOG_ENABLED("accessLogEnabled", BOOL, "true");

  private static final Map<String, Setting> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  private final String key;
  private final SettingType type;
  private final String defaultValue;
  private final Integer min;
  private final Integer max;
  private final List<String> allowedValues;

  Setting(String key, SettingType type, String defaultValue) {
    this(key, type, defaultValue, null, null, List.of());
  }

  Setting(String key, SettingType type, String defaultValue, Integer min, Integer max) {
    this(key, type, defaultValue, min, max, List.of());
  }

  Setting(String key, SettingType type, String defaultValue, List<String> allowedValues) {
    this(key, type, defaultValue, null, null, allowedValues);
  }

  Setting(
      String key,
      SettingType type,
      String defaultValue,
      Integer min,
      Integer max,
      List<String> allowedValues) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.allowedValues = allowedValues;
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

  /** What the setting does, in one paragraph of Markdown (from setting-meanings.properties). */
  public String meaning() {
    return SettingMeanings.ALL.get(this);
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
