package io.personenricher.quota;

import io.personenricher.ledger.KafkaLog;
import io.personenricher.ledger.LogCodec;
import io.personenricher.ledger.LogEntry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota ledger on a one-partition Kafka topic of the application ({@link KafkaLog}): one
 * partition is one total order, which is all the quota needs to give every slot one owner. A reader
 * starts at the beginning of what the topic retains; instances re-append the grid now and then, so
 * retention never drops it.
 *
 * <p>Threading notes: {@link #append} is thread-safe; {@link #poll} runs on the one ledger thread
 * that owns the consumer.
 */
public final class KafkaQuotaLedger implements QuotaLedger {

  private static final Logger log = LoggerFactory.getLogger(KafkaQuotaLedger.class);

  private static final LogCodec<LedgerRecord> CODEC =
      new LogCodec<>() {
        @Override
        public byte[] encode(LedgerRecord value) {
          return LedgerRecord.encode(value);
        }

        @Override
        public LedgerRecord decode(byte[] bytes) {
          return LedgerRecord.decode(bytes);
        }
      };

  private final String topic;
  private final KafkaLog<LedgerRecord> records;

  /**
   * @param producerSettings the application's Kafka producer settings (bootstrap servers, security)
   * @param consumerSettings the application's Kafka consumer settings
   */
  public KafkaQuotaLedger(
      Map<String, Object> producerSettings,
      Map<String, Object> consumerSettings,
      String topic,
      String instanceId) {
    this.topic = topic;
    this.records =
        new KafkaLog<>(
            producerSettings, consumerSettings, topic, instanceId + "-quota-ledger", CODEC);
  }

  @Override
  public void append(LedgerRecord record) {
    records
        .append(record.endpoint().name(), record)
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                // A lost claim is a slot not taken, a lost release one not given back: both only
                // cost a permit. The next catch-up claims again.
                log.warn("Could not append to the quota ledger {}: {}", topic, error.toString());
              }
            });
  }

  @Override
  public List<LedgerRecord> poll(long maxWaitMs) {
    return records.poll(maxWaitMs).stream().map(LogEntry::value).toList();
  }

  @Override
  public boolean local() {
    return false;
  }

  @Override
  public void close() {
    records.close();
  }
}
