package io.personenricher.client;

import io.personenricher.quota.Permit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Person Search as the search processor sees it: one page per call, sent at its permit's time.
 *
 * <p>Threading notes: implementations are shared by every stream thread and thread-safe; {@link
 * #search} never blocks and its stage completes on an I/O thread, so callers hand the outcome back
 * to their own thread before touching any state.
 */
public interface SearchClient extends AutoCloseable {

  /**
   * Sends one page request at its permit's time. The stage always completes normally: transport
   * failures become {@link SearchOutcome.Failed} with a {@link EnrichOutcome.Retriable}.
   */
  CompletionStage<SearchOutcome> search(SearchPageRequest request, Permit permit);

  /** Zero when a request would be taken now; while halted, the time until the next probe. */
  Duration delayUntilNextPermit();

  /** Why the client is halted, or empty while it sends normally. */
  Optional<HaltReason> haltReason();

  @Override
  void close();
}
