package io.personenricher.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.routing.RecordSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A search's stored form gives back every field it was written with. */
class SearchStateCodecTest {

  private final SearchStateCodec codec = new SearchStateCodec();

  @Test
  void aStateInMidPaginationWithAFailureComesBackAsItWasWritten() {
    PersonSearchRequest request =
        PersonSearchRequest.newBuilder()
            .setRequestId("r1")
            .setFilters(SearchFilter.newBuilder().setField("f").setType("=").setValue("1").build())
            .setLimit(40)
            .setFields(List.of("basic_profile"))
            .setMinSimilarityScore(0.5)
            .setMetadata(Map.of("k", "v"))
            .build();
    SearchState state =
        new SearchState(
            new RecordSource("topic", 3, 77, "key".getBytes(StandardCharsets.UTF_8)),
            1234,
            request,
            null,
            new SearchState.Pages("cursor-2", false, 2, 20, 19, 12, 500L, 0.6, 200),
            new SearchState.Tries(3, 1, 1000, 2000),
            new SearchState.Failure(
                DeadLetterReason.RETRIES_EXHAUSTED, "timeout", "gave up", 503, true));

    SearchState back = codec.decode(codec.encode(state));

    assertThat(back.request()).isEqualTo(request);
    assertThat(back.pages()).isEqualTo(state.pages());
    assertThat(back.tries()).isEqualTo(state.tries());
    assertThat(back.failure()).isEqualTo(state.failure());
    assertThat(back.recordTimestamp()).isEqualTo(1234);
    assertThat(back.source().offset()).isEqualTo(77);
    assertThat(back.source().partition()).isEqualTo(3);
    assertThat(new String(back.source().key(), StandardCharsets.UTF_8)).isEqualTo("key");
  }

  @Test
  void bytesWaitingForTheRegistryKeepTheirBytesAndNoRequest() {
    SearchState state =
        SearchState.undecoded(new RecordSource("topic", 0, 1, null), 5, new byte[] {0, 1, 2});

    SearchState back = codec.decode(codec.encode(state));

    assertThat(back.request()).isNull();
    assertThat(back.rawValue()).containsExactly(0, 1, 2);
    assertThat(back.next()).isEqualTo(SearchState.Step.DECODE);
    assertThat(back.pages()).isEqualTo(SearchState.Pages.NONE);
  }
}
