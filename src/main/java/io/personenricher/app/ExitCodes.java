package io.personenricher.app;

/**
 * What the {@code enricher} process's exit status means; scripts and orchestrators may rely on it.
 */
public final class ExitCodes {

  /** Finished as asked. */
  public static final int OK = 0;

  /**
   * Failed while running (broker unreachable, Kafka Streams error, ...): retrying later may
   * succeed.
   */
  public static final int RUNTIME_FAILURE = 1;

  /**
   * Bad usage or configuration: retrying does not help until the command line or the config is
   * fixed.
   */
  public static final int USAGE_OR_CONFIG = 2;

  /**
   * {@code produce}: everything readable was sent, but some input lines were bad and skipped
   * (listed on stderr).
   */
  public static final int SOME_INPUT_SKIPPED = 3;

  private ExitCodes() {}
}
