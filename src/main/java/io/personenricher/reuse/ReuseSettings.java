package io.personenricher.reuse;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How far answers are reused, and the claim protocol's timing.
 *
 * @param scope {@link Scope#APPLICATION}: an identifier is paid for once in the whole application
 *     (answers topic, global store, claims); {@link Scope#TASK}: once per task (its own store, no
 *     claims, no topic), so twins on other partitions are paid again
 * @param topic the answers topic ({@code <application.id>-answers}); unused with task scope
 * @param claimLease how long a claim keeps twins elsewhere waiting for the claimant's answer
 * @param recheck how soon a group whose entries wait on a claim is scanned again
 */
public record ReuseSettings(Scope scope, String topic, Duration claimLease, Duration recheck) {

  /** Where answers are shared. */
  public enum Scope {
    APPLICATION,
    TASK;

    public static Scope parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RECHECK = Duration.ofMillis(200);

  /** The answers topic keeps records this long past the answers' time-to-live. */
  public static final Duration RETENTION_MARGIN = Duration.ofHours(1);

  public ReuseSettings {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(claimLease, "claimLease");
    Objects.requireNonNull(recheck, "recheck");
    if (scope == Scope.APPLICATION) {
      Objects.requireNonNull(topic, "topic");
    }
    if (claimLease.toMillis() < 1 || recheck.toMillis() < 1) {
      throw new IllegalArgumentException("the claim lease and the recheck must be positive");
    }
  }

  /** Today's per-task reuse: no topic, no claims. */
  public static ReuseSettings taskScope() {
    return new ReuseSettings(Scope.TASK, null, DEFAULT_CLAIM_LEASE, DEFAULT_RECHECK);
  }

  /** Application-wide reuse through {@code topic}, with the default lease and recheck. */
  public static ReuseSettings application(String topic) {
    return new ReuseSettings(Scope.APPLICATION, topic, DEFAULT_CLAIM_LEASE, DEFAULT_RECHECK);
  }

  /** The answers topic of an application. */
  public static String topicOf(String applicationId) {
    return applicationId + "-answers";
  }

  public boolean applicationWide() {
    return scope == Scope.APPLICATION;
  }

  /**
   * Whether answers go through the application's answer book: application scope with reuse on (a
   * zero time-to-live turns reuse off, and nothing is worth claiming).
   */
  public boolean usesBook(Duration ttl) {
    return applicationWide() && !ttl.isZero();
  }

  /** The answers topic's {@code retention.ms}: the time-to-live and a margin. */
  public static long retentionMs(Duration ttl) {
    return ttl.toMillis() + RETENTION_MARGIN.toMillis();
  }
}
