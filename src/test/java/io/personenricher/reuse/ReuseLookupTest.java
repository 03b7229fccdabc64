package io.personenricher.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ReuseLookupTest {

  private static final long TTL = 1_000;
  private static final Bytes KEY = Bytes.wrap("a@x.com".getBytes(StandardCharsets.UTF_8));

  private final KeyValueStore<Bytes, byte[]> store = TestStores.inMemory("answers");
  private final ReuseLookup lookup = new ReuseLookup(store, TTL);

  private void hold(ReuseRecord record) {
    store.put(KEY, ReuseRecordCodec.encode(record));
  }

  @Test
  void anUnknownKeyIsFree() {
    assertThat(lookup.of(KEY, "0_1", 0)).isInstanceOf(ReuseLookup.Free.class);
  }

  @Test
  void aFreshAnswerIsReusedAsTheAPIGaveItAndAStaleOneIsFree() {
    MappedAnswer answer =
        MappedAnswer.of(
            new EnrichEntry(
                "a@x.com",
                "business_email",
                List.of(
                    new PersonMatchResult(
                        0.9, JsonNodeFactory.instance.objectNode().put("name", "Ada")))));
    hold(new ReuseRecord.Answer(100, AnswerCodec.encode(answer)));

    assertThat(lookup.of(KEY, "0_1", 100 + TTL - 1))
        .isEqualTo(new ReuseLookup.Answered(answer, 100));
    assertThat(lookup.of(KEY, "0_1", 100 + TTL)).isInstanceOf(ReuseLookup.Free.class);
  }

  @Test
  void aLiveClaimIsMineOrTheirsByOwnerAndAnEndedOneIsFree() {
    hold(new ReuseRecord.Claim("0_1", 500));

    assertThat(lookup.of(KEY, "0_1", 499)).isEqualTo(new ReuseLookup.Mine(500));
    assertThat(lookup.of(KEY, "0_2", 499)).isEqualTo(new ReuseLookup.Theirs("0_1", 500));
    assertThat(lookup.of(KEY, "0_2", 500)).isInstanceOf(ReuseLookup.Free.class);
  }
}
