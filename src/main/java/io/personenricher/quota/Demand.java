package io.personenricher.quota;

/**
 * The work one task holds for one endpoint, as the permit scheduler sees it.
 *
 * @param fullBatches batches that would go out full (25 distinct identifiers), and retries due
 * @param duePartials partial batches that must go now: their oldest event reached {@code
 *     enricher.batch.max.wait.ms}, or the instance is draining
 * @param lingeringPartials partial batches past the linger time: they go only on a permit that
 *     would otherwise be left unused
 * @param oldestMs enqueue time of the oldest event among the batches counted (for oldest-first
 *     order); {@link Long#MAX_VALUE} when none
 */
public record Demand(int fullBatches, int duePartials, int lingeringPartials, long oldestMs) {

  public static final Demand NONE = new Demand(0, 0, 0, Long.MAX_VALUE);

  public Demand {
    if (fullBatches < 0 || duePartials < 0 || lingeringPartials < 0) {
      throw new IllegalArgumentException("negative demand");
    }
  }

  /** Batches that may claim permits ahead of time. */
  public int urgent() {
    return fullBatches + duePartials;
  }

  public boolean isEmpty() {
    return fullBatches == 0 && duePartials == 0 && lingeringPartials == 0;
  }

  /** Which class of batch the task would send first. */
  public Permit.Kind bestKind() {
    if (fullBatches > 0) {
      return Permit.Kind.FULL;
    }
    if (duePartials > 0) {
      return Permit.Kind.DUE;
    }
    return Permit.Kind.SURPLUS;
  }

  /** The sum of two demands (e.g. over the tasks of an instance). */
  public Demand plus(Demand other) {
    return new Demand(
        fullBatches + other.fullBatches,
        duePartials + other.duePartials,
        lingeringPartials + other.lingeringPartials,
        Math.min(oldestMs, other.oldestMs));
  }
}
