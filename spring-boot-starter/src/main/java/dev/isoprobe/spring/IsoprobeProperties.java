/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Group;
import dev.isoprobe.ProbesConfig.LogErrorMessages;
import dev.isoprobe.ShowDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of isoprobe under {@code isoprobe.}. Each setter rejects a bad value with a message
 * that names the property, so a typo fails startup instead of serving probes that lie.
 */
@ConfigurationProperties("isoprobe")
public class IsoprobeProperties {

  /** Settings at their defaults, which Spring Boot then binds. */
  public IsoprobeProperties() {}

  /** Whether isoprobe serves the probe paths. */
  private boolean enabled = true;

  /**
   * Time by which every probe is answered, and the timeout of every check without its own. Keep
   * it below the probe's timeoutSeconds (the kubelet's default is 1s) so the caller gets the 503
   * and its reason instead of timing out itself.
   */
  private Duration timeout = Duration.ofMillis(800);

  /**
   * How long the warm-up, the first run of every check when the probes start, may take in all,
   * off the probe path, so that a first connection, class loading and JIT do not cost the first
   * probe its deadline. A
   * probe that comes meanwhile brings the run's deadline forward to its own; the startup probe
   * answers 503 'starting' until every first run is settled. 0 turns the warm-up off.
   */
  private Duration warmUp = Duration.ofSeconds(10);

  /**
   * Which server answers the probe paths when Actuator's management server has a port of its
   * own (management.server.port): the application's (default), the management server's, or
   * both. Without a port of its own there is one server, and it answers them.
   */
  private Server server = Server.APPLICATION;

  /**
   * Who sees each check's details and a redacted one-line error summary in probe bodies. Without
   * details a body carries check names, outcomes and durations only.
   */
  private ShowDetails details = ShowDetails.NEVER;

  /**
   * Roles that see details when isoprobe.details is when-authorized, checked with
   * HttpServletRequest.isUserInRole; with Spring Security, a caller that authenticates with HTTP
   * Basic or an existing login session has its roles seen.
   */
  private List<String> detailsRoles = new ArrayList<>();

  private final DetailsToken detailsToken = new DetailsToken();

  /**
   * What the line logged when a check fails shows of its exception's message: the message,
   * redacted (default), or none of it, only the exception's class.
   */
  private LogErrorMessages logErrorMessages = LogErrorMessages.REDACTED;

  /**
   * How many executions in a row must fail before probes answer a check down, for every check
   * without its own; until then its line says how many have failed. 1: at once.
   */
  private int failureThreshold = 1;

  /**
   * How many executions in a row must succeed before probes answer a check that is down up
   * again, for every check without its own. 1: at once.
   */
  private int successThreshold = 1;

  private final Executor executor = new Executor();

  private final Paths paths = new Paths();

  private final Shutdown shutdown = new Shutdown();

  private final Metrics metrics = new Metrics();

  private final Grpc grpc = new Grpc();

  /**
   * Settings of single checks by check name: a health contributor's name as Actuator shows it
   * (its bean name less a 'HealthIndicator' or 'HealthContributor' suffix, 'db' for Boot's
   * DataSource check), a Check bean's name, 'livenessState', 'readinessState' or 'deadlock'. A
   * composite's name sets every member that has no settings of its own; a member's name has a
   * '/' and is written in brackets: isoprobe.checks[db/primary].timeout. A name that matches no
   * check fails startup.
   */
  private final Map<String, CheckSettings> checks = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Duration getTimeout() {
    return timeout;
  }

  /** @throws IllegalArgumentException if {@code timeout <= 0} or longer than a minute */
  public void setTimeout(Duration timeout) {
    Settings.validate("isoprobe.timeout", timeout);
    this.timeout = timeout;
  }

  public Duration getWarmUp() {
    return warmUp;
  }

  /** @throws IllegalArgumentException if {@code warmUp} is negative or longer than ten minutes */
  public void setWarmUp(Duration warmUp) {
    Settings.validate("isoprobe.warm-up", warmUp);
    this.warmUp = warmUp;
  }

  public int getFailureThreshold() {
    return failureThreshold;
  }

  /** @throws IllegalArgumentException if threshold is not between 1 and 100 */
  public void setFailureThreshold(int failureThreshold) {
    Settings.validate("isoprobe.failure-threshold", failureThreshold);
    this.failureThreshold = failureThreshold;
  }

  public int getSuccessThreshold() {
    return successThreshold;
  }

  /** @throws IllegalArgumentException if threshold is not between 1 and 100 */
  public void setSuccessThreshold(int successThreshold) {
    Settings.validate("isoprobe.success-threshold", successThreshold);
    this.successThreshold = successThreshold;
  }

  public Server getServer() {
    return server;
  }

  public void setServer(Server server) {
    this.server = Settings.required("isoprobe.server", server);
  }

  public ShowDetails getDetails() {
    return details;
  }

  public void setDetails(ShowDetails details) {
    this.details = Settings.required("isoprobe.details", details);
  }

  public List<String> getDetailsRoles() {
    return detailsRoles;
  }

  /** @throws IllegalArgumentException if a role is blank */
  public void setDetailsRoles(List<String> detailsRoles) {
    Settings.validate("isoprobe.details-roles", detailsRoles);
    this.detailsRoles = new ArrayList<>(detailsRoles);
  }

  public LogErrorMessages getLogErrorMessages() {
    return logErrorMessages;
  }

  public void setLogErrorMessages(LogErrorMessages logErrorMessages) {
    this.logErrorMessages = Settings.required("isoprobe.log-error-messages", logErrorMessages);
  }

  public DetailsToken getDetailsToken() {
    return detailsToken;
  }

  public Executor getExecutor() {
    return executor;
  }

  public Paths getPaths() {
    return paths;
  }

  public Shutdown getShutdown() {
    return shutdown;
  }

  public Map<String, CheckSettings> getChecks() {
    return checks;
  }

  public Grpc getGrpc() {
    return grpc;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** Which server answers the probe paths when the management server has a port of its own. */
  public enum Server {
    /** The application's server alone: where Kubernetes manifests usually probe. */
    APPLICATION,
    /** Actuator's management server alone, for manifests that probe the management port. */
    MANAGEMENT,
    /** Both. */
    BOTH
  }

  /** A shared token that shows details to callers that send it, when authorized. */
  public static class DetailsToken {

    /** Settings at their defaults. */
    public DetailsToken() {}

    /** The request header that carries the token. */
    private String header = "X-Probe-Token";

    /**
     * The token, at least 16 characters; compared in constant time. Unset means no token shows
     * details. Keep it out of source control, e.g. in an environment variable.
     */
    private String value;

    public String getHeader() {
      return header;
    }

    /** @throws IllegalArgumentException if header is blank */
    public void setHeader(String header) {
      Settings.validate("isoprobe.details-token.header", header == null ? "" : header);
      this.header = header;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      // Checked when the probes are built: a binding error would print the value in the log.
      this.value = value;
    }
  }

  /** The threads that run checks, apart from the container's. */
  public static class Executor {

    /** Settings at their defaults. */
    public Executor() {}

    /** Most threads that run non-liveness checks at once. */
    private int threads = 4;

    /**
     * How many check executions may wait for a thread; beyond that a probe is answered 503
     * 'rejected' at once. Zero means none wait.
     */
    private int queueCapacity = 16;

    /** Threads of the liveness lane, which runs liveness checks apart from all others. */
    private int livenessThreads = 2;

    public int getThreads() {
      return threads;
    }

    /** @throws IllegalArgumentException if threads is not between 1 and 256 */
    public void setThreads(int threads) {
      Settings.validate("isoprobe.executor.threads", threads);
      this.threads = threads;
    }

    public int getQueueCapacity() {
      return queueCapacity;
    }

    /** @throws IllegalArgumentException if capacity is not between 0 and 10,000 */
    public void setQueueCapacity(int queueCapacity) {
      Settings.validate("isoprobe.executor.queue-capacity", queueCapacity);
      this.queueCapacity = queueCapacity;
    }

    public int getLivenessThreads() {
      return livenessThreads;
    }

    /** @throws IllegalArgumentException if threads is not between 1 and 16 */
    public void setLivenessThreads(int livenessThreads) {
      Settings.validate("isoprobe.executor.liveness-threads", livenessThreads);
      this.livenessThreads = livenessThreads;
    }
  }

  /** The probe paths, relative to the servlet context path. */
  public static class Paths {

    /** Settings at their defaults. */
    public Paths() {}

    /** Path of the liveness probe, which runs checks of the process itself. */
    private String liveness = "/livez";

    /** Path of the readiness probe, which runs dependency checks. */
    private String readiness = "/readyz";

    /** Path of the startup probe. */
    private String startup = "/startupz";

    /** Path that runs every check. */
    private String health = "/healthz";

    public String getLiveness() {
      return liveness;
    }

    /** @throws IllegalArgumentException if path is not '/' followed by simple segments */
    public void setLiveness(String liveness) {
      Settings.validate("isoprobe.paths.liveness", liveness);
      this.liveness = liveness;
    }

    public String getReadiness() {
      return readiness;
    }

    /** @throws IllegalArgumentException if path is not '/' followed by simple segments */
    public void setReadiness(String readiness) {
      Settings.validate("isoprobe.paths.readiness", readiness);
      this.readiness = readiness;
    }

    public String getStartup() {
      return startup;
    }

    /** @throws IllegalArgumentException if path is not '/' followed by simple segments */
    public void setStartup(String startup) {
      Settings.validate("isoprobe.paths.startup", startup);
      this.startup = startup;
    }

    public String getHealth() {
      return health;
    }

    /** @throws IllegalArgumentException if path is not '/' followed by simple segments */
    public void setHealth(String health) {
      Settings.validate("isoprobe.paths.health", health);
      this.health = health;
    }
  }

  /** What happens to probes when the application context closes. */
  public static class Shutdown {

    /** Settings at their defaults. */
    public Shutdown() {}

    /**
     * How long readiness answers 503 'draining' before isoprobe stops, while liveness and
     * business requests are still served, so load balancers and endpoints catch up first.
     */
    private Duration drainDelay = Duration.ZERO;

    /**
     * How long isoprobe waits for check threads to end once it has answered the probes in
     * flight and cancelled their checks.
     */
    // Probes.DEFAULT_SHUTDOWN_TIMEOUT, written out for the configuration metadata's default.
    private Duration timeout = Duration.ofSeconds(1);

    public Duration getDrainDelay() {
      return drainDelay;
    }

    /** @throws IllegalArgumentException if {@code drainDelay < 0} or longer than ten minutes */
    public void setDrainDelay(Duration drainDelay) {
      Settings.validate("isoprobe.shutdown.drain-delay", drainDelay);
      this.drainDelay = drainDelay;
    }

    public Duration getTimeout() {
      return timeout;
    }

    /** @throws IllegalArgumentException if {@code timeout <= 0} or longer than ten minutes */
    public void setTimeout(Duration timeout) {
      Settings.validate("isoprobe.shutdown.timeout", timeout);
      this.timeout = timeout;
    }
  }

  /** isoprobe's Micrometer meters. */
  public static class Metrics {

    /** Settings at their defaults. */
    public Metrics() {}

    /**
     * Whether isoprobe records its meters (isoprobe.probe.requests, isoprobe.check.duration, ...)
     * in the application's MeterRegistry, when Micrometer is on the class path and there is one.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** gRPC health on Spring Boot 4.1's gRPC server. */
  public static class Grpc {

    /** Settings at their defaults. */
    public Grpc() {}

    /**
     * Whether isoprobe answers grpc.health.v1.Health on Spring gRPC's server, in place of Boot's
     * own gRPC health (spring.grpc.server.health.*), when the application serves gRPC and
     * isoprobe-grpc is on the class path. false leaves gRPC health to Boot.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Settings of one check. */
  public static class CheckSettings {

    /** Settings at their defaults. */
    public CheckSettings() {}

    /** Whether the check runs; false removes it from every probe. */
    private boolean enabled = true;

    /** The check's own timeout, at most isoprobe.timeout; unset means isoprobe.timeout. */
    private Duration timeout;

    /**
     * The groups the check belongs to (liveness, readiness, startup), replacing its defaults.
     * Put only checks of the process itself in liveness: a failing liveness probe restarts the pod.
     */
    private Set<Group> groups;

    /** Executions in a row that must fail to turn the check down; unset means isoprobe.failure-threshold. */
    private Integer failureThreshold;

    /** Executions in a row that must succeed to turn the check up; unset means isoprobe.success-threshold. */
    private Integer successThreshold;

    /**
     * Runs the check in the background this often, probes answering from its latest result at
     * once; unset means probes run it.
     */
    private Duration refreshEvery;

    /**
     * How old the latest background result may be before probes answer it 'stale'; unset means
     * three periods, and at least two periods plus the check's timeout.
     */
    private Duration maxAge;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      // Validated with the check's name when the probes are built, so the message names it.
      this.timeout = timeout;
    }

    public Set<Group> getGroups() {
      return groups;
    }

    public void setGroups(Set<Group> groups) {
      // Validated with the check's name when the probes are built, so the message names it.
      this.groups = groups;
    }

    public Integer getFailureThreshold() {
      return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
      // Validated with the check's name when the probes are built, so the message names it.
      this.failureThreshold = failureThreshold;
    }

    public Integer getSuccessThreshold() {
      return successThreshold;
    }

    public void setSuccessThreshold(Integer successThreshold) {
      // Validated with the check's name when the probes are built, so the message names it.
      this.successThreshold = successThreshold;
    }

    public Duration getRefreshEvery() {
      return refreshEvery;
    }

    public void setRefreshEvery(Duration refreshEvery) {
      // Validated with the check's name when the probes are built, so the message names it.
      this.refreshEvery = refreshEvery;
    }

    public Duration getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
      // Validated with the check's name when the probes are built, so the message names it.
      this.maxAge = maxAge;
    }
  }
}
