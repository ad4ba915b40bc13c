package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * {@code spec.hosting}: every sidecar setting by its exact name, type and bounds.
 *
 * <p>Every field is optional and carries no schema default on purpose: the operator renders only
 * the fields a user set into the settings file, and that file overrides the site's own web.config
 * and iisnode.yml. A CRD default would silently override them, so each default is stated in the
 * description instead. Generated from the sidecar's settings table; {@code HostingSchemaTest} fails
 * when the two disagree.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Hosting {

  /** Values of {@code logFormat}; lower case because they are the sidecar's own words. */
  public enum LogFormat {
    text,
    json
  }

  @JsonPropertyDescription("Value of NODE_ENV given to every node process. Default: (empty).")
  public String node_env;

  @JsonPropertyDescription(
      "Command line that starts node (the interpreter; the entry point is appended). Default: node.")
  public String nodeProcessCommandLine;

  @JsonPropertyDescription(
      "Node processes per application (the web garden); 0 means one per CPU core. Default: 1.")
  @Min(0)
  @Max(1024)
  public Integer nodeProcessCountPerApplication;

  @JsonPropertyDescription(
      "Pin each client to one node process with a cookie, so socket.io long-polling reaches the process holding its session. Default: false.")
  public Boolean nodeProcessStickySessions;

  @JsonPropertyDescription(
      "Requests one node process handles at once before new ones queue. Default: 1024.")
  @Min(1)
  public Integer maxConcurrentRequestsPerProcess;

  @JsonPropertyDescription(
      "Requests that may wait for a free process; beyond this the sidecar answers 503. Default: 1000.")
  @Min(0)
  public Integer maxPendingRequests;

  @JsonPropertyDescription(
      "Milliseconds a request may wait in the queue before it fails with 503. Default: 30000.")
  @Min(1)
  public Integer pendingRequestTimeout;

  @JsonPropertyDescription(
      "Connection attempts to a node process socket before the request fails. Default: 100.")
  @Min(0)
  public Integer maxNamedPipeConnectionRetry;

  @JsonPropertyDescription(
      "Milliseconds between connection attempts to a node process socket. Default: 250.")
  @Min(0)
  public Integer namedPipeConnectionRetryDelay;

  @JsonPropertyDescription("Pooled keep-alive connections per node process. Default: 512.")
  @Min(1)
  public Integer maxNamedPipeConnectionPoolSize;

  @JsonPropertyDescription(
      "Milliseconds a pooled connection is kept before it is closed. Default: 30000.")
  @Min(0)
  public Integer maxNamedPipePooledConnectionAge;

  @JsonPropertyDescription("Initial size in bytes of a request body buffer. Default: 4096.")
  @Min(1)
  public Integer initialRequestBufferSize;

  @JsonPropertyDescription(
      "Largest request body chunk in bytes buffered before streaming. Default: 65536.")
  @Min(1)
  public Integer maxRequestBufferSize;

  @JsonPropertyDescription("Worker threads for I/O completion; 0 picks one per core. Default: 0.")
  @Min(0)
  public Integer asyncCompletionThreadCount;

  @JsonPropertyDescription(
      "Script loaded before the application (iisnode's interceptor). Default: iisnode\\interceptor.js.")
  public String interceptor;

  @JsonPropertyDescription(
      "Semicolon-separated file patterns whose change recycles the application; the entry point is always watched. Default: *.js;*.mjs;*.cjs;iisnode.yml.")
  public String watchedFiles;

  @JsonPropertyDescription(
      "Milliseconds between polls when the file system gives no change events. Default: 5000.")
  @Min(100)
  public Integer uncFileChangesPollingInterval;

  @JsonPropertyDescription(
      "Milliseconds a recycled or stopping process may finish its requests before it is killed; also sets the pod's terminationGracePeriodSeconds. Default: 60000.")
  @Min(0)
  public Integer gracefulShutdownTimeout;

  @JsonPropertyDescription(
      "Capture stdout and stderr of node processes into log files. Default: true.")
  public Boolean loggingEnabled;

  @JsonPropertyDescription(
      "Folder, relative to the application, that holds the log files. Default: iisnode.")
  public String logDirectory;

  @JsonPropertyDescription(
      "Allow the debugger path segment to start a debugging session. Default: true.")
  public Boolean debuggingEnabled;

  @JsonPropertyDescription("Ports the node debugger may listen on. Default: 5058-6058.")
  public String debuggerPortRange;

  @JsonPropertyDescription("URL path segment that opens the debugger. Default: debug.")
  public String debuggerPathSegment;

  @JsonPropertyDescription(
      "Token a client that is not on loopback must send (Authorization: Bearer or ?token=) to use the debugger; empty allows only loopback clients such as kubectl port-forward. Default: (empty).")
  public String debuggerAccessToken;

  @JsonPropertyDescription("Kept for iisnode compatibility; ignored. Default: (empty).")
  public String debuggerExtensionDll;

  @JsonPropertyDescription(
      "Add the iisnode-debug header with diagnostics to every response. Default: false.")
  public Boolean debugHeaderEnabled;

  @JsonPropertyDescription("Size in KB at which a log file rolls over. Default: 128.")
  @Min(1)
  public Integer maxLogFileSizeInKB;

  @JsonPropertyDescription(
      "Total size in KB of the log folder before the oldest files are removed. Default: 1024.")
  @Min(1)
  public Integer maxTotalLogFileSizeInKB;

  @JsonPropertyDescription("Number of log files kept per application. Default: 20.")
  @Min(1)
  public Integer maxLogFiles;

  @JsonPropertyDescription(
      "Show detailed error pages (with the process output) on failures. Default: true.")
  public Boolean devErrorsEnabled;

  @JsonPropertyDescription("Flush every response chunk to the client at once. Default: false.")
  public Boolean flushResponse;

  @JsonPropertyDescription("Add or extend the X-Forwarded-For header. Default: false.")
  public Boolean enableXFF;

  @JsonPropertyDescription(
      "Comma-separated server variables passed to node as x-iisnode-* headers. Default: (empty).")
  public String promoteServerVars;

  @JsonPropertyDescription(
      "File beside the application whose settings override web.config. Default: iisnode.yml.")
  public String configOverrides;

  @JsonPropertyDescription(
      "Let the application ask for a recycle with the recycle signal. Default: false.")
  public Boolean recycleSignalEnabled;

  @JsonPropertyDescription(
      "Milliseconds of idleness after which process memory is paged out; 0 disables. Default: 0.")
  @Min(0)
  public Integer idlePageOutTimePeriod;

  @JsonPropertyDescription("Recycle the application every N minutes; 0 disables. Default: 0.")
  @Min(0)
  public Integer periodicRecycleMinutes;

  @JsonPropertyDescription("Recycle after N requests; 0 disables. Default: 0.")
  @Min(0)
  public Integer recycleAfterRequests;

  @JsonPropertyDescription("Recycle a process whose memory exceeds N MB; 0 disables. Default: 0.")
  @Min(0)
  public Integer recycleAboveMemoryMB;

  @JsonPropertyDescription(
      "Comma-separated times of day (HH:mm) at which to recycle. Default: (empty).")
  public String recycleAtTimes;

  @JsonPropertyDescription(
      "Path pinged on every process to check its health; empty disables. Default: (empty).")
  public String healthCheckPath;

  @JsonPropertyDescription("Milliseconds between health pings. Default: 10000.")
  @Min(100)
  public Integer healthCheckIntervalMs;

  @JsonPropertyDescription(
      "Milliseconds a health ping may take before the process counts as unhealthy. Default: 5000.")
  @Min(1)
  public Integer healthCheckTimeoutMs;

  @JsonPropertyDescription(
      "Leave hung processes running for inspection instead of killing them. Default: false.")
  public Boolean orphanHungProcesses;

  @JsonPropertyDescription(
      "Milliseconds without an answer after which a process counts as hung. Default: 60000.")
  @Min(0)
  public Integer orphanTimeoutMs;

  @JsonPropertyDescription("Command run with the PID of an orphaned process. Default: (empty).")
  public String orphanCommand;

  @JsonPropertyDescription(
      "Take the application out of service after repeated crashes. Default: true.")
  public Boolean rapidFailProtection;

  @JsonPropertyDescription(
      "Crashes within rapidFailIntervalMs that trip rapid-fail protection. Default: 5.")
  @Min(1)
  public Integer rapidFailMaxCrashes;

  @JsonPropertyDescription("Window in milliseconds for counting crashes. Default: 300000.")
  @Min(1)
  public Integer rapidFailIntervalMs;

  @JsonPropertyDescription(
      "/readyz answers ready only once the applications have started. Default: true.")
  public Boolean readinessIncludesApplications;

  @JsonPropertyDescription(
      "Comma-separated paths requested at start; the pod turns ready only after they answer. Default: (empty).")
  public String initializationPages;

  @JsonPropertyDescription(
      "Start the applications at startup instead of on the first request. Default: false.")
  public Boolean preloadEnabled;

  @JsonPropertyDescription(
      "Milliseconds of idleness after which processes stop; 0 disables. Default: 0.")
  @Min(0)
  public Integer idleTimeoutMs;

  @JsonPropertyDescription(
      "Milliseconds a node process may take to start listening. Default: 30000.")
  @Min(1)
  public Integer processStartTimeoutMs;

  @JsonPropertyDescription(
      "Token required to read logs over HTTP; empty allows no remote reading. Default: (empty).")
  public String logAccessToken;

  @JsonPropertyDescription(
      "Folder for all log files instead of the application folder. Default: (empty).")
  public String logRoot;

  @JsonPropertyDescription("Format of the sidecar's own log lines. Default: text.")
  public LogFormat logFormat;

  @JsonPropertyDescription("Write one access log line per request. Default: true.")
  public Boolean accessLogEnabled;
}
