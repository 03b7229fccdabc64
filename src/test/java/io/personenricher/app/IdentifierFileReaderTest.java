package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.app.IdentifierFileReader.Format;
import io.personenricher.model.avro.IdentifierType;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierFileReaderTest {

  private static List<ParsedLine> read(Format format, String... lines) {
    return IdentifierFileReader.readAll(
        new BufferedReader(new StringReader(String.join("\n", lines))), format);
  }

  private static ParsedLine.Event event(ParsedLine line) {
    assertThat(line).isInstanceOf(ParsedLine.Event.class);
    return (ParsedLine.Event) line;
  }

  @Test
  void readsCsvRowsWithEveryColumnAndEveryTypeSpelling() {
    List<ParsedLine> lines =
        read(
            Format.CSV,
            "key,type,identifier,min_similarity_score,fields",
            "k1,email,jane@acme.com,0.8,basic_profile;experience",
            "k2,BUSINESS_EMAIL,joe@acme.com,,",
            "k3,url,https://www.linkedin.com/in/jane-doe,,",
            "k4,profile_url,https://www.linkedin.com/in/joe-doe,,",
            "k5,PROFESSIONAL_NETWORK_PROFILE_URL,https://www.linkedin.com/in/x-y,,",
            "k6,business_email,ann@acme.com,,");

    assertThat(lines).hasSize(6).allMatch(l -> l instanceof ParsedLine.Event);
    ParsedLine.Event first = event(lines.get(0));
    assertThat(first.lineNumber()).isEqualTo(2);
    assertThat(first.key()).isEqualTo("k1");
    assertThat(first.event().getIdentifierType()).isEqualTo(IdentifierType.BUSINESS_EMAIL);
    assertThat(first.event().getIdentifier()).isEqualTo("jane@acme.com");
    assertThat(first.event().getMinSimilarityScore()).isEqualTo(0.8);
    assertThat(first.event().getFields()).containsExactly("basic_profile", "experience");
    assertThat(event(lines.get(1)).event().getMinSimilarityScore()).isNull();
    assertThat(event(lines.get(1)).event().getFields()).isNull();
    assertThat(lines.subList(2, 5))
        .allMatch(
            l ->
                ((ParsedLine.Event) l).event().getIdentifierType()
                    == IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL);
    assertThat(event(lines.get(5)).event().getIdentifierType())
        .isEqualTo(IdentifierType.BUSINESS_EMAIL);
  }

  @Test
  void reportsEachBadCsvLineWithItsLineNumberAndKeepsReading() {
    List<ParsedLine> lines =
        read(
            Format.CSV,
            "key,type,identifier,min_similarity_score,fields",
            "k1,email,jane@acme.com,,",
            "k2,phone,+1 555 0100,,",
            ",email,nokey@acme.com,,",
            "k4,email,,,",
            "k5,email,a@b.com,high,",
            "k6,email,a@b.com,,,extra",
            "k7,email,\"unclosed@acme.com,,",
            "k8,url,https://www.linkedin.com/in/ok,,");

    assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(lines.get(0)).isInstanceOf(ParsedLine.Event.class);
    assertThat(lines.get(7)).isInstanceOf(ParsedLine.Event.class);
    assertThat(lines.subList(1, 7)).allMatch(l -> l instanceof ParsedLine.Bad);
    assertThat(lines.subList(1, 7))
        .extracting(l -> ((ParsedLine.Bad) l).describe())
        .containsExactly(
            "line 3: type 'phone' is unknown (use email/business_email or url/profile_url)",
            "line 4: key is empty (every event needs a record key)",
            "line 5: identifier is empty",
            "line 6: min_similarity_score 'high' is not a number",
            "line 7: has 6 values but the header has 5 columns (quote values that contain commas)",
            "line 8: a quoted value is not closed (multi-line values are not supported)");
  }

  @Test
  void csvColumnsMayComeInAnyOrderAndOptionalOnesMayBeAbsent() {
    List<ParsedLine> lines = read(Format.CSV, "identifier,key,type", "jane@acme.com,k1,email");

    ParsedLine.Event e = event(lines.get(0));
    assertThat(e.key()).isEqualTo("k1");
    assertThat(e.event().getIdentifier()).isEqualTo("jane@acme.com");
    assertThat(e.event().getFields()).isNull();
  }

  @Test
  void quotedCsvValuesMayHoldCommasAndQuotes() {
    assertThat(IdentifierFileReader.splitCsv("a,\"b,c\",\"say \"\"hi\"\"\" , d"))
        .containsExactly("a", "b,c", "say \"hi\"", "d");
  }

  @Test
  void blankAndCommentLinesAreSkippedButCountForLineNumbers() {
    List<ParsedLine> lines =
        read(
            Format.CSV,
            "# exported 2026-11-22",
            "key,type,identifier",
            "",
            "# note",
            "k1,email,jane@acme.com");

    assertThat(lines).singleElement().extracting(ParsedLine::lineNumber).isEqualTo(5);
  }

  @Test
  void aCsvHeaderWithoutTheRequiredColumnsFailsNamingThem() {
    assertThatThrownBy(() -> read(Format.CSV, "id,kind,value", "k1,email,jane@acme.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks column(s) [key, type, identifier]");
  }

  @Test
  void readsJsonLinesWithFieldsAsArrayOrString() {
    List<ParsedLine> lines =
        read(
            Format.JSONL,
            "{\"key\":\"k1\",\"type\":\"email\",\"identifier\":\"jane@acme.com\",\"min_similarity_score\":0.9,"
                + "\"fields\":[\"basic_profile\",\"skills\"]}",
            "{\"key\":\"k2\",\"type\":\"profile_url\",\"identifier\":\"https://www.linkedin.com/in/x\","
                + "\"fields\":\"experience;education\"}");

    ParsedLine.Event first = event(lines.get(0));
    assertThat(first.event().getMinSimilarityScore()).isEqualTo(0.9);
    assertThat(first.event().getFields()).containsExactly("basic_profile", "skills");
    ParsedLine.Event second = event(lines.get(1));
    assertThat(second.event().getIdentifierType())
        .isEqualTo(IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL);
    assertThat(second.event().getFields()).containsExactly("experience", "education");
  }

  @Test
  void reportsEachBadJsonLineWithItsLineNumber() {
    List<ParsedLine> lines =
        read(
            Format.JSONL,
            "{\"key\":\"k1\",\"type\":\"email\",\"identifier\":\"jane@acme.com\"}",
            "{not json",
            "[1,2]",
            "{\"key\":\"k4\",\"type\":\"email\",\"identifier\":\"a@b.com\",\"fields\":[1]}",
            "{\"key\":\"k5\",\"type\":\"email\",\"identifier\":\"a@b.com\",\"min_similarity_score\":true}",
            "{\"key\":\"k6\",\"type\":\"fax\",\"identifier\":\"a@b.com\"}");

    assertThat(lines.get(0)).isInstanceOf(ParsedLine.Event.class);
    assertThat(lines.subList(1, 6)).allMatch(l -> l instanceof ParsedLine.Bad);
    assertThat(lines.subList(1, 6))
        .extracting(l -> ((ParsedLine.Bad) l).describe())
        .satisfiesExactly(
            l -> assertThat(l).startsWith("line 2: not valid JSON"),
            l -> assertThat(l).isEqualTo("line 3: expected a JSON object per line"),
            l -> assertThat(l).isEqualTo("line 4: fields must be an array of strings"),
            l ->
                assertThat(l)
                    .startsWith("line 5: min_similarity_score")
                    .endsWith("is not a number"),
            l -> assertThat(l).startsWith("line 6: type 'fax' is unknown"));
  }

  @Test
  void theFormatFollowsTheFileExtension() {
    assertThat(Format.of("events.CSV")).isEqualTo(Format.CSV);
    assertThat(Format.of("events.jsonl")).isEqualTo(Format.JSONL);
    assertThat(Format.of("events.ndjson")).isEqualTo(Format.JSONL);
    assertThatThrownBy(() -> Format.of("events.txt")).hasMessageContaining("*.csv");
  }
}
