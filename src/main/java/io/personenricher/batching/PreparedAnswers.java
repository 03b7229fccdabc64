package io.personenricher.batching;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.reuse.StoredAnswer;
import io.personenricher.routing.MappedAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of an API answer in the output form ({@link MappedAnswer}, every candidate's Avro
 * encoded) and in the form they are stored in ({@link StoredAnswer}), made where the answer
 * arrives: on the client's I/O thread, so that the stream thread, the one serial resource of a
 * task, only stores and routes them. An entry the mapping fails on keeps its place with the
 * exception, and its events become dead letters on the stream thread ({@link OutcomeApplier}); the
 * rest of the answer goes on.
 *
 * <p>Threading notes: made on any one thread, then handed over whole (through the in-flight table's
 * queue, which publishes it safely) and only read.
 */
final class PreparedAnswers {

  /** One entry: its answer with the bytes it is stored as, or the exception that stopped it. */
  record Entry(StoredAnswer answer, RuntimeException defect) {}

  static final PreparedAnswers NONE = new PreparedAnswers(List.of());

  private final List<Entry> entries;

  private PreparedAnswers(List<Entry> entries) {
    this.entries = entries;
  }

  /** The entries of a successful outcome; none for any other. */
  static PreparedAnswers of(EnrichOutcome outcome) {
    return outcome instanceof EnrichOutcome.Success success ? map(success.entries()) : NONE;
  }

  static PreparedAnswers map(List<EnrichEntry> answers) {
    List<Entry> entries = new ArrayList<>(answers.size());
    for (EnrichEntry answer : answers) {
      entries.add(mapOne(answer));
    }
    return new PreparedAnswers(List.copyOf(entries));
  }

  int size() {
    return entries.size();
  }

  Entry get(int index) {
    return entries.get(index);
  }

  private static Entry mapOne(EnrichEntry answer) {
    try {
      // Encoding the answer for the store encodes each candidate's Avro too, for every output.
      return new Entry(StoredAnswer.of(MappedAnswer.of(answer)), null);
    } catch (RuntimeException e) {
      return new Entry(null, e);
    }
  }
}
