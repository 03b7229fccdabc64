package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.routing.OutputLimits;
import io.personenricher.routing.OutputRouter;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import io.personenricher.testutil.ForwardingMetrics;
import io.personenricher.testutil.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LastResortHandlersTest {

  private final String scope = "last-resort-" + UUID.randomUUID();
  private final EnricherSerdes serdes = TestSerdes.enricherSerdes(scope);
  private final Map<String, Object> configs =
      Map.of(
          LastResortHandlers.CONTEXT_KEY,
          new LastResortHandlers.Context("in", "dlq", serdes.deadLetter().serializer()));

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.drop(scope);
  }

  private static ErrorHandlerContext at(long offset, byte[] rawValue) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "in";
      }

      @Override
      public int partition() {
        return 1;
      }

      @Override
      public long offset() {
        return offset;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return EnrichmentTopology.PROCESSOR;
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 1);
      }

      @Override
      public long timestamp() {
        return 0;
      }

      @Override
      public byte[] sourceRawKey() {
        return "k".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] sourceRawValue() {
        return rawValue;
      }
    };
  }

  private DeadLetter decoded(ProducerRecord<byte[], byte[]> record) {
    return serdes.deadLetter().deserializer().deserialize(record.topic(), record.value());
  }

  @Test
  void aRecordThatMadeTheProcessorThrowBeforeAdmissionBecomesADeadLetterAndProcessingResumes() {
    DeadLetterOnProcessingError handler = new DeadLetterOnProcessingError();
    handler.configure(configs);

    ProcessingExceptionHandler.Response response =
        handler.handleError(
            at(17, new byte[] {9, 9}),
            new Record<>(new byte[0], new byte[0], 0),
            new IllegalStateException("unforeseen"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.topic()).isEqualTo("dlq");
              DeadLetter letter = decoded(record);
              assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
              assertThat(letter.getSourceOffset()).isEqualTo(17);
              assertThat(letter.getRawValue().array()).containsExactly(9, 9);
              assertThat(letter.getErrorMessage()).contains("unforeseen");
            });
  }

  @Test
  void aFailureAfterAdmissionOrInAPunctuationFailsTheTaskInsteadOfDoublingTheOutput() {
    DeadLetterOnProcessingError handler = new DeadLetterOnProcessingError();
    handler.configure(configs);

    var afterAdmission =
        handler.handleError(
            at(1, new byte[0]),
            new Record<>(new byte[0], new byte[0], 0),
            new io.personenricher.batching.AdmittedRecordException(new IllegalStateException("x")));
    var inPunctuation = handler.handleError(at(-1, null), null, new IllegalStateException("x"));

    assertThat(afterAdmission.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(inPunctuation.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
  }

  @Test
  void anOutputTheBrokerRefusesAsTooLargeBecomesADeadLetterNamingItsInput() {
    DeadLetterOnProductionError handler = new DeadLetterOnProductionError();
    handler.configure(configs);
    Headers headers = new RecordHeaders();
    headers.add(OutputRouter.SOURCE_HEADER, "3/99".getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> tooLarge =
        new ProducerRecord<>("enriched", null, new byte[] {1}, new byte[2_000_000], headers);

    ProductionExceptionHandler.Response response =
        handler.handleError(at(5, null), tooLarge, new RecordTooLargeException("too large"));
    ProductionExceptionHandler.Response other =
        handler.handleError(at(5, null), tooLarge, new IllegalStateException("x"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    DeadLetter letter = decoded(response.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
    assertThat(letter.getSourcePartition()).isEqualTo(3);
    assertThat(letter.getSourceOffset()).isEqualTo(99);
    assertThat(other.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  @Test
  void inTheTopologyAnUnforeseenExceptionBeforeAdmissionIsADeadLetterAndTheStreamGoesOn() {
    AtomicInteger records = new AtomicInteger();
    EnricherMetrics throwingOnTheSecondRecord =
        new ForwardingMetrics(EnricherMetrics.NOOP) {
          @Override
          public void recordIn(String topic) {
            if (records.incrementAndGet() == 2) {
              throw new IllegalStateException("a metrics sink that breaks");
            }
          }
        };
    FakeEnrichClient client = new FakeEnrichClient();
    try (EnrichmentDriver driver =
        new EnrichmentDriver(
            client,
            BatchSettings.defaults(),
            throwingOnTheSecondRecord,
            new ProcessorActivity(),
            null,
            OutputLimits.defaults(),
            true)) {
      driver.send("first", Events.email("a@acme.com"));
      driver.send("second", Events.email("b@acme.com"));
      driver.send("third", Events.email("c@acme.com"));
      driver.advance(Duration.ofSeconds(1));

      assertThat(driver.deadLetters())
          .singleElement()
          .satisfies(
              dl -> {
                assertThat(EnrichmentDriver.key(dl.key())).isEqualTo("second");
                assertThat(dl.value().getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
              });
      assertThat(driver.enriched())
          .extracting(r -> EnrichmentDriver.key(r.key()))
          .containsExactlyInAnyOrder("first", "third");
    }
  }
}
