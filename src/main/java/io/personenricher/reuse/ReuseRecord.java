package io.personenricher.reuse;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the answers topic, keyed by the identifier's reuse key (request group and
 * normalised identifier). The store keeps, per key, the latest {@link Claim} or {@link Answer} that
 * {@link ReuseFold} accepted.
 */
public sealed interface ReuseRecord {

  /**
   * A task will ask the API for the identifier; until {@code untilMs}, twins elsewhere wait for its
   * answer.
   *
   * @param owner the claiming task (a task keeps its id when it moves to another instance, so its
   *     claims move with its pending events)
   */
  record Claim(String owner, long untilMs) implements ReuseRecord {
    public Claim {
      Objects.requireNonNull(owner, "owner");
    }
  }

  /**
   * The API's answer for the identifier.
   *
   * @param entry the answer as {@link AnswerCodec} encodes it (decoded only when it is used)
   */
  record Answer(long answeredAtMs, byte[] entry) implements ReuseRecord {
    public Answer {
      Objects.requireNonNull(entry, "entry");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Answer other
          && answeredAtMs == other.answeredAtMs
          && Arrays.equals(entry, other.entry);
    }

    @Override
    public int hashCode() {
      return 31 * Long.hashCode(answeredAtMs) + Arrays.hashCode(entry);
    }

    @Override
    public String toString() {
      return "Answer[answeredAtMs=" + answeredAtMs + ", " + entry.length + " bytes]";
    }
  }

  /** The owner gives its claim up without an answer (the identifier was dead-lettered). */
  record Release(String owner) implements ReuseRecord {
    public Release {
      Objects.requireNonNull(owner, "owner");
    }
  }
}
