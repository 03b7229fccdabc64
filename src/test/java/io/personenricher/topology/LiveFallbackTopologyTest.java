package io.personenricher.topology;

import static io.personenricher.testutil.EnrichmentDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.LiveFallback;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.model.avro.UnmatchedReason;
import io.personenricher.quota.Endpoint;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live enrich fallback under the TopologyTestDriver: a profile URL the index does not match
 * goes to live enrich, batched, on its own endpoint; its answer is enriched (marked LIVE) or
 * unmatched; a 403 from live enrich turns the fallback off without halting enrichment.
 */
class LiveFallbackTopologyTest {

  private static final Duration LINGER = BatchSettings.defaults().linger();
  private static final String KNOWN = "https://www.linkedin.com/in/known-person";
  private static final String FRESH = "https://www.linkedin.com/in/fresh-person";
  private static final String NOWHERE = "https://www.linkedin.com/in/nowhere-person";

  /** The index knows only KNOWN; live enrich finds FRESH too. */
  private static final Set<String> INDEXED = Set.of(KNOWN);

  private static final Set<String> LIVE = Set.of(KNOWN, FRESH);

  private final FakeEnrichClient client = new FakeEnrichClient();
  private EnrichmentDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(LiveFallback live) {
    client.always(this::answer);
    driver = new EnrichmentDriver(client, BatchSettings.defaults(), live);
  }

  private EnrichOutcome answer(EnrichRequest request) {
    Set<String> known = request.endpoint() == Endpoint.LIVE_ENRICH ? LIVE : INDEXED;
    List<EnrichEntry> entries = new ArrayList<>();
    for (String url : request.identifiers()) {
      entries.add(
          new EnrichEntry(
              url,
              request.kind().matchType(),
              known.contains(url) ? List.of(FakeEnrichClient.person(url, 1.0)) : List.of()));
    }
    return new EnrichOutcome.Success(entries, null, 200);
  }

  /**
   * Lets the live twin's batch linger out: a little past the linger, since the entry moved at the
   * task's clock, which runs on with real time inside a call (see TaskClock).
   */
  private void lingerOnLive() {
    driver.advance(LINGER.plusMillis(50));
  }

  private List<Endpoint> endpoints() {
    return client.requests().stream().map(EnrichRequest::endpoint).toList();
  }

  @Test
  void aProfileUrlTheIndexMissesIsFetchedLiveAndMarkedLive() {
    start(LiveFallback.of(true, EnricherMetrics.NOOP));
    driver.send("known", Events.profileUrl(KNOWN));
    driver.send("fresh", Events.profileUrl(FRESH));
    driver.advance(LINGER);
    lingerOnLive();

    assertThat(endpoints()).containsExactly(Endpoint.ENRICH, Endpoint.LIVE_ENRICH);
    assertThat(client.requests().get(1).identifiers()).containsExactly(FRESH);
    assertThat(driver.enriched())
        .extracting(r -> key(r.key()), r -> r.value().getSource())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("known", EnrichmentSource.INDEX),
            org.assertj.core.groups.Tuple.tuple("fresh", EnrichmentSource.LIVE));
    assertThat(driver.unmatched()).isEmpty();
  }

  @Test
  void withTheFallbackOffAnIndexMissIsUnmatchedAndLiveEnrichIsNeverCalled() {
    start(LiveFallback.off());
    driver.send("fresh", Events.profileUrl(FRESH));
    driver.advance(LINGER);
    lingerOnLive();

    assertThat(endpoints()).containsExactly(Endpoint.ENRICH);
    assertThat(driver.unmatched()).extracting(r -> key(r.key())).containsExactly("fresh");
  }

  @Test
  void whatLiveEnrichDoesNotFindEitherIsUnmatchedAndEmailsNeverGoLive() {
    start(LiveFallback.of(true, EnricherMetrics.NOOP));
    client.withMatches("nobody@acme.com", List.of());
    driver.send("nowhere", Events.profileUrl(NOWHERE));
    driver.send("email", Events.email("nobody@acme.com"));
    driver.advance(LINGER);
    lingerOnLive();

    assertThat(client.requests())
        .filteredOn(r -> r.endpoint() == Endpoint.LIVE_ENRICH)
        .extracting(EnrichRequest::identifiers)
        .containsExactly(List.of(NOWHERE));
    assertThat(driver.unmatched())
        .extracting(r -> key(r.key()), r -> r.value().getReason())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("nowhere", UnmatchedReason.NO_MATCH),
            org.assertj.core.groups.Tuple.tuple("email", UnmatchedReason.NO_MATCH));
  }

  @Test
  void aUrlSeenAgainReusesBothAnswersWithoutAnotherRequest() {
    start(LiveFallback.of(true, EnricherMetrics.NOOP));
    driver.send("first", Events.profileUrl(FRESH));
    driver.advance(LINGER);
    lingerOnLive();
    int requests = client.requests().size();

    driver.send("again", Events.profileUrl(FRESH));
    driver.advance(LINGER);

    assertThat(client.requests()).hasSize(requests);
    assertThat(driver.enriched())
        .extracting(r -> key(r.key()), r -> r.value().getSource(), r -> r.value().getAttempts())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", EnrichmentSource.LIVE, 1),
            org.assertj.core.groups.Tuple.tuple("again", EnrichmentSource.LIVE, 0));
  }

  @Test
  void aKeyNotEntitledToLiveEnrichTurnsTheFallbackOffAndEnrichmentCarriesOn() {
    LiveFallback live = LiveFallback.of(true, EnricherMetrics.NOOP);
    start(live);
    client.always(
        request ->
            request.endpoint() == Endpoint.LIVE_ENRICH
                ? new EnrichOutcome.Fatal(HaltReason.NOT_PERMITTED, 403, "not entitled")
                : answer(request));
    driver.send("fresh", Events.profileUrl(FRESH));
    driver.advance(LINGER);
    lingerOnLive();

    assertThat(live.active()).isFalse();
    assertThat(driver.unmatched()).extracting(r -> key(r.key())).containsExactly("fresh");

    driver.send("nowhere", Events.profileUrl(NOWHERE));
    driver.send("known", Events.profileUrl(KNOWN));
    driver.advance(LINGER);
    lingerOnLive();

    assertThat(endpoints()).filteredOn(e -> e == Endpoint.LIVE_ENRICH).hasSize(1);
    assertThat(driver.unmatched()).extracting(r -> key(r.key())).containsExactly("nowhere");
    assertThat(driver.enriched()).extracting(r -> key(r.key())).containsExactly("known");
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void otherFatalAnswersOfLiveEnrichHoldTheEventsAsAHaltDoes() {
    start(LiveFallback.of(true, EnricherMetrics.NOOP));
    client.thenAnswer(this::answer);
    client.thenAnswer(
        request -> new EnrichOutcome.Fatal(HaltReason.OUT_OF_CREDITS, 402, "no credits"));
    driver.send("fresh", Events.profileUrl(FRESH));
    driver.advance(LINGER);
    lingerOnLive();
    assertThat(driver.unmatched()).as("nothing is given up on while halted").isEmpty();
    assertThat(driver.deadLetters()).isEmpty();

    driver.advance(Duration.ofSeconds(2));

    assertThat(driver.enriched())
        .extracting(r -> key(r.key()), r -> r.value().getSource())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fresh", EnrichmentSource.LIVE));
  }
}
