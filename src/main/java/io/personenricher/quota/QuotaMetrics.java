package io.personenricher.quota;

/**
 * The figures the quota reports, per endpoint. An interface so the quota stays free of any metrics
 * library.
 *
 * <p>Threading notes: called under the broker's lock from stream threads and the ledger thread;
 * implementations must be thread-safe and never block.
 */
public interface QuotaMetrics {

  /** The permits per window the application may use now (the key's limit minus headroom). */
  void limit(Endpoint endpoint, int permitsPerWindow);

  /** This instance's share: the slots it won in the last window, over the permits per window. */
  void share(Endpoint endpoint, double share);

  /** A permit went to a batch of this class. */
  void permitUsed(Endpoint endpoint, Permit.Kind kind);

  /** A slot this instance won passed unused (its work went elsewhere, or came too late). */
  void permitUnused(Endpoint endpoint);

  /** The API answered 429: the ledger pauses every instance until its reset. */
  void paused(Endpoint endpoint);

  QuotaMetrics NOOP =
      new QuotaMetrics() {
        @Override
        public void limit(Endpoint endpoint, int permitsPerWindow) {}

        @Override
        public void share(Endpoint endpoint, double share) {}

        @Override
        public void permitUsed(Endpoint endpoint, Permit.Kind kind) {}

        @Override
        public void permitUnused(Endpoint endpoint) {}

        @Override
        public void paused(Endpoint endpoint) {}
      };
}
