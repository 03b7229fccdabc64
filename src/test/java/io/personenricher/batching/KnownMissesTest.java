package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KnownMissesTest {

  private static byte[] key(long n) {
    return ("E||\u0000person-" + n + "@acme.com").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void remembersAbsentKeysUntilTheyAreWritten() {
    KnownMisses misses = new KnownMisses();
    misses.add(key(1));

    assertThat(misses.contains(key(1))).isTrue();
    assertThat(misses.contains(key(2))).isFalse();
    misses.remove(key(1));
    assertThat(misses.contains(key(1)))
        .as("written since: present or not, ask the store")
        .isFalse();
  }

  @Test
  void agreesWithASetThroughAddsAndRemovalsInAnyOrder() {
    KnownMisses misses = new KnownMisses();
    Set<Long> expected = new HashSet<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int step = 0; step < 20_000; step++) {
      long n = random.nextLong(5_000);
      if (random.nextBoolean()) {
        misses.add(key(n));
        expected.add(n);
      } else {
        misses.remove(key(n));
        expected.remove(n);
      }
      long probe = random.nextLong(5_000);
      assertThat(misses.contains(key(probe))).isEqualTo(expected.contains(probe));
    }
    assertThat(misses.size()).isEqualTo(expected.size());
  }

  @Test
  void aHalfFullTableStartsOverInsteadOfGrowing() {
    KnownMisses misses = new KnownMisses();
    for (long n = 0; n < KnownMisses.SLOTS / 2; n++) {
      misses.add(key(n));
    }

    misses.add(key(-1));

    assertThat(misses.size()).isEqualTo(1);
    assertThat(misses.contains(key(-1))).isTrue();
    assertThat(misses.contains(key(0))).isFalse();
  }
}
