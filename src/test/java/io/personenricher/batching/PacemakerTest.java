package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.Pacemaker.Pace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.Cancellable;
import org.junit.jupiter.api.Test;

class PacemakerTest {

  private static final Duration PENDING = Duration.ofMillis(10);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final long MS = 1_000_000L;

  /** The punctuators scheduled so far, and whether each is still live. */
  private final List<Duration> intervals = new ArrayList<>();

  private final List<boolean[]> live = new ArrayList<>();

  private final Pacemaker pacemaker =
      new Pacemaker(
          interval -> {
            boolean[] alive = {true};
            intervals.add(interval);
            live.add(alive);
            Cancellable cancel = () -> alive[0] = false;
            return cancel;
          },
          PENDING,
          POLL);

  private long livePunctuators() {
    return live.stream().filter(alive -> alive[0]).count();
  }

  @Test
  void thePaceFollowsWhatTheTaskHoldsAndAwaits() {
    assertThat(Pacemaker.paceFor(0, 0)).isEqualTo(Pace.IDLE);
    assertThat(Pacemaker.paceFor(5, 0)).isEqualTo(Pace.PENDING);
    assertThat(Pacemaker.paceFor(5, 1)).isEqualTo(Pace.AWAITING_ANSWERS);
    assertThat(Pacemaker.paceFor(0, 1)).isEqualTo(Pace.AWAITING_ANSWERS);
  }

  @Test
  void anIdleTaskHasNoPunctuatorAndWorkBringsOneAtItsPace() {
    pacemaker.adjust(0, 0);
    assertThat(intervals).isEmpty();

    pacemaker.adjust(3, 0);
    pacemaker.adjust(4, 0);
    assertThat(intervals).containsExactly(PENDING);

    pacemaker.adjust(4, 1);
    assertThat(intervals).containsExactly(PENDING, Pacemaker.EVERY_PASS);
    assertThat(livePunctuators()).as("the pending one was cancelled").isEqualTo(1);

    pacemaker.adjust(0, 0);
    assertThat(livePunctuators()).isZero();
    assertThat(pacemaker.pace()).isEqualTo(Pace.IDLE);
  }

  @Test
  void stoppingCancelsThePunctuator() {
    pacemaker.adjust(1, 1);

    pacemaker.stop();

    assertThat(livePunctuators()).isZero();
  }

  @Test
  void aPunctuationWaitsAPollIntervalForAnswersOnlyWhenSomeAreAwaitedAndNoInputCame()
      throws Exception {
    // A thread of its own: the signal is per thread, and this test moves its input clock.
    var thread = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      thread.submit(this::waitDeadlines).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
  }

  private void waitDeadlines() {
    ThreadWakeup wakeup = ThreadWakeup.forCurrentThread();
    long now = System.nanoTime() + 10_000 * MS;

    assertThat(pacemaker.waitDeadline(wakeup, 0, now)).as("nothing in flight").isEqualTo(-1);
    assertThat(pacemaker.waitDeadline(wakeup, 2, now)).isEqualTo(now + 20 * MS);

    wakeup.inputArrived(now - 5 * MS);
    assertThat(pacemaker.waitDeadline(wakeup, 2, now)).as("input 5 ms ago").isEqualTo(-1);
    assertThat(pacemaker.waitDeadline(wakeup, 2, now + 10 * MS))
        .as("quiet for half a poll interval")
        .isEqualTo(now + 30 * MS);
  }
}
