package io.personenricher.batching;

/**
 * Names of the processor's state stores. They name the changelog topics too, so changing one
 * orphans the state of every running instance: add a new name (and a migration) instead.
 */
public final class StoreNames {
  public static final String PENDING = "enricher-pending-v1";
  public static final String PARKED = "enricher-parked-v1";
  public static final String KEY_HEADS = "enricher-key-heads-v1";
  public static final String ANSWERS = "enricher-answers-v1";
  public static final String REGISTRY_WAIT = "enricher-registry-wait-v1";

  private StoreNames() {}
}
