package io.personenricher.batching;

import io.personenricher.batching.RecentAnswers.Recent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/** Keys and answers for the tests of the in-memory answer layers. */
final class RecentAnswerFixtures {

  private RecentAnswerFixtures() {}

  /** The n-th reuse key of an e-mail group. */
  static Bytes key(long n) {
    return Bytes.wrap(("E||\u0000person-" + n + "@acme.com").getBytes(StandardCharsets.UTF_8));
  }

  /** An answer told apart by when it was given. */
  static Recent answeredAt(long ms) {
    return new Recent(null, ms, false);
  }
}
