package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadWakeupTest {

  private static final long MS = 1_000_000L;
  private final ExecutorService owner = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    owner.shutdownNow();
  }

  @Test
  void eachThreadHasItsOwnSignal() throws Exception {
    ThreadWakeup mine = ThreadWakeup.forCurrentThread();
    ThreadWakeup theirs = owner.submit(ThreadWakeup::forCurrentThread).get(10, TimeUnit.SECONDS);

    assertThat(ThreadWakeup.forCurrentThread()).isSameAs(mine);
    assertThat(theirs).isNotSameAs(mine);
  }

  @Test
  void aSignalGivenBeforeTheWaitIsKeptAndConsumed() throws Exception {
    boolean[] results =
        owner
            .submit(
                () -> {
                  ThreadWakeup wakeup = ThreadWakeup.forCurrentThread();
                  wakeup.signal();
                  boolean first = wakeup.await(System.nanoTime() + 10_000 * MS);
                  boolean second = wakeup.await(System.nanoTime() + 5 * MS);
                  return new boolean[] {first, second};
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(results[0]).isTrue();
    assertThat(results[1]).as("consumed: the second wait runs to its deadline").isFalse();
  }

  @Test
  void aSignalFromAnotherThreadEndsTheWaitAtOnce() throws Exception {
    CompletableFuture<ThreadWakeup> waiting = new CompletableFuture<>();
    var result =
        owner.submit(
            () -> {
              ThreadWakeup wakeup = ThreadWakeup.forCurrentThread();
              waiting.complete(wakeup);
              long start = System.nanoTime();
              boolean signalled = wakeup.await(start + 60_000 * MS);
              return signalled ? System.nanoTime() - start : -1L;
            });

    waiting.get(10, TimeUnit.SECONDS).signal();

    long waitedNanos = result.get(30, TimeUnit.SECONDS);
    assertThat(waitedNanos).isNotNegative().isLessThan(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void noWaitRightAfterInputOrRightAfterAnotherWaitOfTheThread() throws Exception {
    boolean[] results =
        owner
            .submit(
                () -> {
                  ThreadWakeup wakeup = ThreadWakeup.forCurrentThread();
                  long now = System.nanoTime();
                  boolean quiet = wakeup.mayWait(now, 10 * MS);
                  wakeup.inputArrived(now);
                  boolean afterInput = wakeup.mayWait(now + 5 * MS, 10 * MS);
                  boolean later = wakeup.mayWait(now + 11 * MS, 10 * MS);
                  wakeup.await(System.nanoTime());
                  boolean afterWait = wakeup.mayWait(System.nanoTime(), 0);
                  return new boolean[] {quiet, afterInput, later, afterWait};
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(results).containsExactly(true, false, true, false);
  }
}
