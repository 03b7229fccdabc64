package io.personenricher.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.testutil.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnswerBookUpdaterTest {

  private static final long TTL = 10_000;

  private final KeyValueStore<Bytes, byte[]> store = TestStores.inMemory("answers");
  private final AnswerBookUpdater updater = new AnswerBookUpdater("answers", TTL);

  @BeforeEach
  void init() {
    MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    context.addStateStore(store);
    updater.init(context);
  }

  private static Bytes key(String identifier) {
    return Bytes.wrap(identifier.getBytes(StandardCharsets.UTF_8));
  }

  private void feed(String identifier, ReuseRecord record, long timestamp) {
    updater.process(new Record<>(key(identifier), ReuseRecordCodec.encode(record), timestamp));
  }

  private Optional<ReuseRecord> held(String identifier) {
    return ReuseRecordCodec.decode(store.get(key(identifier)));
  }

  @Test
  void theStoreHoldsWhatTheFoldAccepted() {
    feed("a@x.com", new ReuseRecord.Claim("0_1", 5_000), 1_000);
    feed("a@x.com", new ReuseRecord.Claim("0_2", 5_000), 1_001);

    assertThat(held("a@x.com")).contains(new ReuseRecord.Claim("0_1", 5_000));

    ReuseRecord.Answer answer = new ReuseRecord.Answer(1_500, new byte[] {7});
    feed("a@x.com", answer, 1_500);
    assertThat(held("a@x.com")).contains(answer);
  }

  @Test
  void aReleaseAndATombstoneRemoveTheKey() {
    feed("a@x.com", new ReuseRecord.Claim("0_1", 5_000), 1_000);
    feed("a@x.com", new ReuseRecord.Release("0_1"), 1_100);
    assertThat(store.get(key("a@x.com"))).isNull();

    feed("b@x.com", new ReuseRecord.Claim("0_1", 5_000), 1_000);
    updater.process(new Record<>(key("b@x.com"), null, 1_200));
    assertThat(store.get(key("b@x.com"))).isNull();
  }

  @Test
  void aRecordItCannotReadIsIgnoredAndTheStoreKeepsItsValue() {
    feed("a@x.com", new ReuseRecord.Claim("0_1", 5_000), 1_000);

    updater.process(new Record<>(key("a@x.com"), new byte[] {'?', 1, 2}, 1_100));

    assertThat(held("a@x.com")).contains(new ReuseRecord.Claim("0_1", 5_000));
  }

  @Test
  void sweepingGoesRoundTheStoreAndDropsOnlyWhatExpired() {
    int keys = AnswerBookUpdater.SWEEP_KEYS * 2 + 10;
    for (int i = 0; i < keys; i++) {
      feed("old-" + i, new ReuseRecord.Answer(0, new byte[] {1}), 0);
    }
    feed("fresh", new ReuseRecord.Answer(TTL, new byte[] {2}), TTL);
    feed("claimed", new ReuseRecord.Claim("0_1", 10 * TTL), TTL);

    for (int round = 0; round < 4; round++) {
      updater.sweep(TTL + 1);
    }

    assertThat(store.approximateNumEntries()).isEqualTo(2);
    assertThat(held("fresh")).isPresent();
    assertThat(held("claimed")).isPresent();
  }

  @Test
  void recordsThemselvesDriveTheSweep() {
    for (int i = 0; i < AnswerBookUpdater.SWEEP_EVERY - 1; i++) {
      feed("old-" + i, new ReuseRecord.Answer(0, new byte[] {1}), 0);
    }
    assertThat(store.approximateNumEntries()).isEqualTo(AnswerBookUpdater.SWEEP_EVERY - 1);

    feed("new", new ReuseRecord.Answer(2 * TTL, new byte[] {2}), 2 * TTL);

    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }
}
