package io.personenricher.batching;

/**
 * Names of the processor's state stores. They name the changelog topics too, so changing one
 * orphans the state of every running instance: add a new name (and a migration) instead.
 */
public final class StoreNames {
  public static final String PENDING = "enricher-pending-v1";
  public static final String PARKED = "enricher-parked-v1";

  /**
   * The key heads beyond those a task keeps in memory: derived from the pending and registry-wait
   * stores and rebuilt whenever a task starts, so not changelogged. It replaces {@code
   * enricher-key-heads-v1} (changelogged), which nothing reads any more: no migration is needed,
   * and its changelog topic {@code <application.id>-enricher-key-heads-v1-changelog} can be deleted
   * once every instance runs this release.
   */
  public static final String KEY_HEADS = "enricher-key-heads-v2";

  /**
   * The task's own answer cache, used with reuse scope {@code task} only. With scope {@code
   * application} (the default) nothing writes it any more: its changelog topic {@code
   * <application.id>-enricher-answers-v1-changelog} can be deleted once every instance runs this
   * release with that scope.
   */
  public static final String ANSWERS = "enricher-answers-v1";

  /**
   * The application's answer book: a global store folded from the answers topic ({@code
   * <application.id>-answers}), which is its changelog, so it has none of its own.
   */
  public static final String ANSWER_BOOK = "enricher-answer-book-v1";

  public static final String REGISTRY_WAIT = "enricher-registry-wait-v1";

  private StoreNames() {}
}
