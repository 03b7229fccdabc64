package io.personenricher.quota;

import java.util.Optional;

/**
 * Hands out the API's request permits to the tasks of an instance, one endpoint at a time.
 *
 * <p>Each task offers its demand at every pump; the broker answers with a permit when this task's
 * best batch is the one that should go next (full before partial, oldest first, across every task
 * of the instance) and a permit of the instance is due. A task that gets a permit sends its batch
 * at once; one that does not keeps filling its batches.
 *
 * <p>Threading notes: implementations are shared by every stream thread of an instance; both
 * methods are thread-safe and never block on I/O.
 */
public interface PermitBroker {

  /**
   * Offers the task's demand for an endpoint (replacing its previous offer).
   *
   * @param nowMs the caller's wall clock
   * @return a permit to use now, or empty
   */
  Optional<Permit> offer(Endpoint endpoint, String taskId, Demand demand, long nowMs);

  /** The task is gone (closed, or moved away): its offers no longer count. */
  void withdraw(String taskId);

  /** A broker that grants every offer at once: for tests and runs without a quota. */
  PermitBroker UNLIMITED =
      new PermitBroker() {
        @Override
        public Optional<Permit> offer(Endpoint endpoint, String taskId, Demand demand, long nowMs) {
          return demand.isEmpty()
              ? Optional.empty()
              : Optional.of(Permit.now(endpoint, nowMs, demand.bestKind()));
        }

        @Override
        public void withdraw(String taskId) {}
      };
}
