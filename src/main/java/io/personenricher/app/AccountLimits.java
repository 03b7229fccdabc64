package io.personenricher.app;

import io.personenricher.client.VertxEnrichClient;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.LedgerPermitBroker;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the API for the key's limits per endpoint ({@code GET /account/endpoints}) before the
 * streams start, and gives them to the quota; without an answer the quota starts at the documented
 * limits and learns from {@code x-ratelimit-limit}. Being the client's first exchange, it also
 * warms the client, so the first enrich requests leave at their slots rather than after a cold
 * client's set-up. Public for the benchmark harness, which starts its clients the same way.
 */
public final class AccountLimits {

  private static final Logger log = LoggerFactory.getLogger(AccountLimits.class);

  private AccountLimits() {}

  /** Waits up to 10 s for the answer; any failure leaves the quota at its start. */
  public static void adopt(VertxEnrichClient client, LedgerPermitBroker permits) {
    try {
      Map<Endpoint, Integer> limits =
          client.accountLimits().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (limits.isEmpty()) {
        log.info(
            "GET /account/endpoints gave no limits; the quota starts at the documented ones and"
                + " adopts x-ratelimit-limit");
      } else {
        log.info("The API key's limits per minute (GET /account/endpoints): {}", limits);
        permits.accountLimits(limits);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.info(
          "GET /account/endpoints did not answer ({}); starting at the documented limits",
          e.toString());
    }
  }
}
