package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * What the quota makes of an answer saying the key is used up ({@code x-ratelimit-remaining: 0}),
 * in simulated time against a sliding-window API that counts arrivals and names its reset in whole
 * seconds, as the real one does: used up by this application alone, it goes on at the grid's pace;
 * used up by another user of the key, it waits for the reset instead of earning a 429.
 */
class KeyUsedUpTest {

  private static final int LIMIT = 60;
  private static final Duration WINDOW = Duration.ofSeconds(6);
  private static final long LATENCY_MS = 300;
  private static final long STEP_MS = 5;

  /** Requests another user of the key sends at the start, one every 10 ms. */
  private static final int OTHERS = 50;

  private long now = 1_000_000;
  private final LedgerPermitBroker broker =
      new LedgerPermitBroker(
          QuotaSettings.defaults("solo").withWindow(WINDOW, Optional.of(LIMIT)),
          new InMemoryQuotaLedger(),
          QuotaMetrics.NOOP,
          () -> 0.0);
  private final List<Long> arrivals = new ArrayList<>();
  private final List<Long> ourArrivals = new ArrayList<>();
  private int rateLimited;

  private record Answer(long atMs, long sentAtMs, long arrivedAtMs) {}

  private final PriorityQueue<Answer> answers =
      new PriorityQueue<>((a, b) -> Long.compare(a.atMs(), b.atMs()));

  /**
   * Sends on every permit for {@code duration}; every third request reaches the API 40 ms after its
   * slot's start (inside the lateness the grid allows), the others on it.
   *
   * @param oneAtATime offer only once the previous request is answered (in-flight 1), so that the
   *     quota has heard every answer before the next permit
   */
  private void saturate(Duration duration, boolean oneAtATime) {
    long end = now + duration.toMillis();
    for (; now < end; now += STEP_MS) {
      while (!answers.isEmpty() && answers.peek().atMs() <= now) {
        deliver(answers.poll());
      }
      if (oneAtATime && !answers.isEmpty()) {
        continue;
      }
      Optional<Permit> permit = broker.offer(Endpoint.ENRICH, "0_0", new Demand(100, 0, 0, 0), now);
      if (permit.isPresent()) {
        long sent = permit.get().sendAtMs();
        long arrived = sent + (ourArrivals.size() % 3 == 0 ? 40 : 0);
        ourArrivals.add(arrived);
        arrivals.add(arrived);
        answers.add(new Answer(arrived + LATENCY_MS, sent, arrived));
      }
    }
  }

  /** The API's answer, as it stood when the request arrived. */
  private void deliver(Answer answer) {
    long windowStart = answer.arrivedAtMs() - WINDOW.toMillis();
    List<Long> counted =
        arrivals.stream()
            .filter(a -> a > windowStart && a <= answer.arrivedAtMs())
            .sorted()
            .toList();
    boolean over = counted.size() > LIMIT;
    rateLimited += over ? 1 : 0;
    long resetMs = counted.get(0) + WINDOW.toMillis() - answer.arrivedAtMs();
    double resetSeconds = Math.ceil(resetMs / 1000.0);
    broker.answered(
        Endpoint.ENRICH,
        LIMIT,
        Math.max(0, LIMIT - counted.size()),
        resetSeconds,
        over,
        answer.sentAtMs(),
        answer.atMs());
  }

  @Test
  void aKeyUsedUpByThisApplicationAloneKeepsTheGridsPace() {
    saturate(Duration.ofSeconds(40), false);

    // The bunched sends do fill the API's window now and then: the case this is about.
    assertThat(WindowCounts.maxInAnyWindow(ourArrivals, WINDOW)).isEqualTo(LIMIT);
    assertThat(rateLimited).isZero();
    // The grid's pace is one slot per (6 000 + 120) / 60 = 102 ms: 392 in 40 s; a pause for the
    // API's one-second reset costs about ten of them.
    assertThat(ourArrivals).hasSizeGreaterThanOrEqualTo(388);
  }

  @Test
  void aKeyUsedUpByAnotherUserPausesUntilTheResetInsteadOfEarningA429() {
    for (int i = 0; i < OTHERS; i++) {
      arrivals.add(now + i * 10L);
    }
    long othersDone = now + OTHERS * 10L;

    saturate(Duration.ofSeconds(15), true);

    assertThat(rateLimited).isZero();
    // The other user's requests leave the API's window 6 s after they came.
    long beforeTheirsLeft =
        ourArrivals.stream().filter(a -> a < othersDone - OTHERS * 10L + WINDOW.toMillis()).count();
    assertThat(beforeTheirsLeft).isLessThanOrEqualTo(LIMIT - OTHERS);
    assertThat(ourArrivals.stream().filter(a -> a >= othersDone + WINDOW.toMillis()).count())
        .as("sent once the other user's requests left the window")
        .isPositive();
  }
}
