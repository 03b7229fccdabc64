package io.personenricher.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.routing.MappedAnswer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AnswerCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PERSON =
      """
      {"crustdata_person_id": 14540,
       "basic_profile": {"name": "David Hsu", "current_title": "Founder, CEO",
                         "location": {"raw": "San Francisco", "country": "United States"}},
       "experience": {"employment_details": {
           "current": [{"name": "Retool", "title": "CEO", "crustdata_company_id": 123}]}},
       "skills": {"professional_network_skills": ["Startups"]},
       "contact": {"business_emails": [{"email": "david@retool.com", "status": "deliverable"}]},
       "honors": [{"title": "Rhodes"}]}
      """;

  private static EnrichEntry entry() throws Exception {
    JsonNode data = JSON.readTree(PERSON);
    return new EnrichEntry(
        "david@retool.com",
        "business_email",
        List.of(new PersonMatchResult(0.97, data), new PersonMatchResult(0.41, data)));
  }

  @Test
  void anAnswerComesBackInItsOutputFormEqualToWhatWasStored() throws Exception {
    MappedAnswer answer = MappedAnswer.of(entry());

    byte[] bytes = AnswerCodec.encode(answer);

    assertThat(bytes[0]).isEqualTo(AnswerCodec.MAPPED_FORMAT);
    assertThat(AnswerCodec.decode(bytes)).contains(answer);
    assertThat(
            AnswerCodec.decode(bytes).orElseThrow().matches().get(0).record().getPersonDataJson())
        .as("the complete JSON travels with the mapped sections")
        .isEqualTo(JSON.readTree(PERSON).toString());
  }

  @Test
  void anAnswerWithoutCandidatesAndOneInsideALargerBufferDecode() {
    MappedAnswer none = new MappedAnswer("x@y.com", "business_email", List.of());
    byte[] bytes = AnswerCodec.encode(none);
    byte[] framed = new byte[bytes.length + 12];
    System.arraycopy(bytes, 0, framed, 8, bytes.length);

    assertThat(AnswerCodec.decode(framed, 8, bytes.length)).contains(none);
  }

  /** The entry as earlier releases stored it: the API's JSON. */
  private static byte[] earlierReleaseJson() throws Exception {
    return JSON.writeValueAsBytes(
        JSON.readTree(
            "{\"matched_on\":\"david@retool.com\",\"match_type\":\"business_email\",\"matches\":"
                + "[{\"confidence_score\":0.97,\"person_data\":"
                + PERSON
                + "},{\"confidence_score\":0.41,\"person_data\":"
                + PERSON
                + "}]}"));
  }

  @Test
  void theJsonOfEarlierReleasesIsStillReadAndMapped() throws Exception {
    assertThat(AnswerCodec.decode(earlierReleaseJson())).contains(MappedAnswer.of(entry()));
  }

  @Test
  void theOutputFormCompressedTakesLessThanTheJsonItReplaces() throws Exception {
    assertThat(AnswerCodec.encode(MappedAnswer.of(entry())).length)
        .isLessThan(earlierReleaseJson().length);
  }

  @Test
  void aLengthThatDisagreesWithTheCompressedBytesIsNotReadAsAnAnswer() throws Exception {
    byte[] bytes = AnswerCodec.encode(MappedAnswer.of(entry()));
    int lengthAt = 1 + Long.BYTES;
    int plain = ByteBuffer.wrap(bytes, lengthAt, Integer.BYTES).getInt();

    byte[] longer = bytes.clone();
    ByteBuffer.wrap(longer, lengthAt, Integer.BYTES).putInt(plain + 1);
    byte[] huge = bytes.clone();
    ByteBuffer.wrap(huge, lengthAt, Integer.BYTES).putInt(AnswerCodec.MAX_AVRO_BYTES + 1);

    assertThat(AnswerCodec.decode(longer)).isEmpty();
    assertThat(AnswerCodec.decode(huge)).isEmpty();
  }

  @Test
  void bytesOfAnotherPersonMatchSchemaOrCutShortAreNotReadAsAnAnswer() throws Exception {
    byte[] bytes = AnswerCodec.encode(MappedAnswer.of(entry()));
    byte[] otherSchema = bytes.clone();
    ByteBuffer.wrap(otherSchema, 1, Long.BYTES).putLong(AnswerCodec.PERSON_MATCH_FINGERPRINT + 1);

    assertThat(AnswerCodec.decode(otherSchema)).isEmpty();
    assertThat(AnswerCodec.decode(Arrays.copyOf(bytes, bytes.length - 5))).isEmpty();
    assertThat(AnswerCodec.decode(Arrays.copyOf(bytes, bytes.length + 3))).isEmpty();
    assertThat(AnswerCodec.decode(new byte[] {AnswerCodec.MAPPED_FORMAT})).isEmpty();
    assertThat(AnswerCodec.decode(new byte[0])).isEmpty();
    assertThat(AnswerCodec.decode("{not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aCandidateLongerThanTheAnswerOrOfNegativeLengthIsNotReadAsAnAnswer() throws Exception {
    assertThat(AnswerCodec.decode(storedWithOneCandidateOf(3, new byte[] {1, 2, 3}))).isPresent();
    // Refused before anything is allocated: an array that size is an Error, which nothing catches.
    assertThat(
            AnswerCodec.decode(
                storedWithOneCandidateOf(Integer.MAX_VALUE - 2, new byte[] {1, 2, 3})))
        .isEmpty();
    assertThat(AnswerCodec.decode(storedWithOneCandidateOf(4, new byte[] {1, 2, 3}))).isEmpty();
    assertThat(AnswerCodec.decode(storedWithOneCandidateOf(-2, new byte[] {1, 2, 3}))).isEmpty();
  }

  /** The stored form around an Avro body whose one candidate says it is {@code declared} long. */
  private static byte[] storedWithOneCandidateOf(int declared, byte[] candidate) throws Exception {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(plain, null);
    avro.writeString("david@retool.com");
    avro.writeString("business_email");
    avro.writeArrayStart();
    avro.setItemCount(1);
    avro.startItem();
    avro.writeDouble(0.9);
    avro.writeInt(declared);
    avro.writeFixed(candidate);
    avro.writeArrayEnd();
    avro.flush();
    return AnswerCodec.sealed(plain.toByteArray());
  }
}
