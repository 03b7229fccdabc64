package io.personenricher.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.quota.Permit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A deterministic {@link EnrichClient} for topology tests. By default every identifier matches one
 * person at 1.0 whose name is derived from the identifier; tests script failures, rejections,
 * mis-ordered answers, halts and manual completion.
 *
 * <p>Threading notes: used from the TopologyTestDriver's single thread only (and from the test
 * thread completing held requests), so plain collections suffice except where noted.
 */
public final class FakeEnrichClient implements EnrichClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<EnrichRequest> requests = new ArrayList<>();
  private final List<Permit> permits = new ArrayList<>();
  private final Deque<Function<EnrichRequest, EnrichOutcome>> scripted = new ArrayDeque<>();
  private final Set<String> rejectedIdentifiers = new HashSet<>();
  private final Map<String, List<PersonMatchResult>> answers = new ConcurrentHashMap<>();
  private final List<Held> held = new ArrayList<>();
  private Function<EnrichRequest, EnrichOutcome> fallback = this::answer;
  private boolean holdRequests;
  private Duration permitDelay = Duration.ZERO;
  private int permitChecks;
  private HaltReason halted;

  /** A request whose answer the test delivers by hand. */
  public record Held(EnrichRequest request, CompletableFuture<EnrichOutcome> future) {}

  @Override
  public synchronized CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit) {
    requests.add(request);
    permits.add(permit);
    if (holdRequests) {
      CompletableFuture<EnrichOutcome> future = new CompletableFuture<>();
      held.add(new Held(request, future));
      return future;
    }
    Function<EnrichRequest, EnrichOutcome> next = scripted.isEmpty() ? fallback : scripted.poll();
    return CompletableFuture.completedFuture(next.apply(request));
  }

  /**
   * The default answer: 400 if a rejected identifier is present, else the configured or derived
   * matches.
   */
  public EnrichOutcome answer(EnrichRequest request) {
    if (request.identifiers().stream().anyMatch(rejectedIdentifiers::contains)) {
      return new EnrichOutcome.Rejected(400, "invalid_request", "Invalid identifier in request");
    }
    List<EnrichEntry> entries = new ArrayList<>();
    for (String identifier : request.identifiers()) {
      List<PersonMatchResult> matches =
          answers.getOrDefault(identifier, List.of(person(identifier, 1.0)));
      entries.add(new EnrichEntry(identifier, request.kind().matchType(), matches));
    }
    return new EnrichOutcome.Success(
        entries, (double) entries.stream().mapToInt(e -> e.matches().size()).sum(), 200);
  }

  public static PersonMatchResult person(String identifier, double score) {
    JsonNode data =
        JSON.createObjectNode()
            .put("crustdata_person_id", Math.abs(identifier.hashCode()))
            .set("basic_profile", JSON.createObjectNode().put("name", "Person " + identifier));
    return new PersonMatchResult(score, data);
  }

  /**
   * A candidate whose data the mapper cannot read (every field access throws): stands for a defect
   * in mapping an answer onto the output contract.
   */
  public static PersonMatchResult unmappable(double score) {
    JsonNode broken =
        new ObjectNode(JsonNodeFactory.instance) {
          @Override
          public JsonNode get(String field) {
            throw new IllegalStateException("a mapping defect");
          }
        };
    return new PersonMatchResult(score, broken);
  }

  /** Next requests get these outcomes, in order, before the default resumes. */
  public synchronized FakeEnrichClient thenAnswer(Function<EnrichRequest, EnrichOutcome> outcome) {
    scripted.add(outcome);
    return this;
  }

  public synchronized FakeEnrichClient always(Function<EnrichRequest, EnrichOutcome> outcome) {
    fallback = outcome;
    return this;
  }

  public synchronized FakeEnrichClient answerNormally() {
    fallback = this::answer;
    return this;
  }

  public FakeEnrichClient withMatches(String identifier, List<PersonMatchResult> matches) {
    answers.put(identifier, matches);
    return this;
  }

  public synchronized FakeEnrichClient rejecting(String identifier) {
    rejectedIdentifiers.add(identifier);
    return this;
  }

  public synchronized FakeEnrichClient holdingRequests(boolean hold) {
    holdRequests = hold;
    return this;
  }

  /** Makes the client refuse requests for {@code delay} (as a halted client between probes). */
  public synchronized FakeEnrichClient withPermitDelay(Duration delay) {
    permitDelay = delay;
    return this;
  }

  public synchronized FakeEnrichClient halted(HaltReason reason) {
    halted = reason;
    return this;
  }

  /** Completes every held request with the default answer. */
  public void releaseHeld() {
    List<Held> toRelease;
    synchronized (this) {
      toRelease = List.copyOf(held);
      held.clear();
    }
    toRelease.forEach(h -> h.future().complete(answer(h.request())));
  }

  public synchronized List<Held> held() {
    return List.copyOf(held);
  }

  public synchronized List<EnrichRequest> requests() {
    return List.copyOf(requests);
  }

  /** The permits the requests were sent on, in order. */
  public synchronized List<Permit> permits() {
    return List.copyOf(permits);
  }

  public synchronized List<Integer> requestSizes() {
    return requests.stream().map(EnrichRequest::size).toList();
  }

  @Override
  public synchronized Duration delayUntilNextPermit() {
    permitChecks++;
    return permitDelay;
  }

  /** How often the processor asked whether a request could go now. */
  public synchronized int permitChecks() {
    return permitChecks;
  }

  @Override
  public synchronized Optional<HaltReason> haltReason() {
    return Optional.ofNullable(halted);
  }

  @Override
  public void close() {}
}
