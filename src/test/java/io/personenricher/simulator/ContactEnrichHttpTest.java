package io.personenricher.simulator;

import static io.personenricher.simulator.SimulatorClient.emails;
import static io.personenricher.simulator.SimulatorClient.header;
import static io.personenricher.simulator.SimulatorClient.json;
import static io.personenricher.simulator.SimulatorClient.plus;
import static io.personenricher.simulator.SimulatorClient.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /person/contact/enrich} as a client sees it, over real HTTP. */
class ContactEnrichHttpTest {

  private static final String KEY = "contact-key";
  private static final SimulatedEndpoint CONTACT = SimulatedEndpoint.CONTACT_ENRICH;

  @RegisterExtension
  static final RunningSimulator SIM =
      new RunningSimulator(
          SimulatorSettings.defaults()
              .withDataset(2_000, 17)
              .withRateLimit(2, Duration.ofSeconds(30))
              .withEndpointRateLimit(CONTACT, 4)
              .withApiKeys(Set.of(KEY), Set.of()),
          KEY);

  @Test
  void anEmailOrAUrlGivesTheContactSectionAloneInTheEnrichEnvelope() {
    HttpResponse<String> byEmail = SIM.client().post(CONTACT, emails(SIM.people().emailOf(3)));
    assertThat(byEmail.statusCode()).isEqualTo(200);
    JsonNode entry = json(byEmail).get(0);
    assertThat(entry.get("match_type").asText()).isEqualTo("business_email");
    JsonNode data = entry.at("/matches/0/person_data");
    assertThat(data.fieldNames()).toIterable().containsExactly("contact");
    assertThat(data.at("/contact/business_emails/0/email").asText())
        .isEqualTo(SIM.people().emailOf(3));
    HttpResponse<String> byUrl = SIM.client().post(CONTACT, urls(SIM.people().profileUrlOf(3)));
    assertThat(json(byUrl).at("/0/matches/0/person_data")).isEqualTo(data);
  }

  @Test
  void theCreditsAreTheBaseAndOnePerContactFieldReturned() {
    HttpResponse<String> r =
        SIM.client()
            .post(
                CONTACT,
                plus(
                    emails(SIM.people().emailOf(3)),
                    "\"fields\":[\"contact.business_emails\",\"contact.websites\"]"));
    assertThat(json(r).at("/0/matches/0/person_data/contact").fieldNames())
        .toIterable()
        .containsExactly("business_emails", "websites");
    assertThat(header(r, "x-credits-used"))
        .as("1 base + business emails; websites are empty")
        .isEqualTo("2");
    HttpResponse<String> miss = SIM.client().post(CONTACT, emails(SIM.people().unknownEmail(1)));
    assertThat(json(miss).at("/0/matches")).isEmpty();
    assertThat(header(miss, "x-credits-used")).isEqualTo("0");
  }

  @Test
  void aNonContactFieldMixedTypesAndOver25AreEach400() {
    assertInvalid(
        SIM.client()
            .post(CONTACT, plus(emails(SIM.people().emailOf(3)), "\"fields\":[\"basic_profile\"]")),
        "contact.phone_numbers");
    assertInvalid(
        SIM.client()
            .post(
                CONTACT,
                "{\"business_emails\":[\""
                    + SIM.people().emailOf(3)
                    + "\"],\"professional_network_profile_urls\":[\""
                    + SIM.people().profileUrlOf(3)
                    + "\"]}"),
        "only one identifier type");
    String twentySix =
        IntStream.range(0, 26)
            .mapToObj(i -> "\"" + SIM.people().emailOf(i) + "\"")
            .collect(Collectors.joining(","));
    assertInvalid(
        SIM.client().post(CONTACT, "{\"business_emails\":[" + twentySix + "]}"), "maximum of 25");
  }

  @Test
  void aBalanceBelowTheWorstCaseIs402() {
    SIM.simulator().setCreditBalance(4);
    HttpResponse<String> all = SIM.client().post(CONTACT, emails(SIM.people().emailOf(3)));
    assertThat(all.statusCode()).as("1 base + 4 fields").isEqualTo(402);
    assertThat(json(all).at("/error/type").asText()).isEqualTo("insufficient_credits");
    HttpResponse<String> one =
        SIM.client()
            .post(
                CONTACT,
                plus(
                    emails(SIM.people().emailOf(3)),
                    "\"fields\":[\"contact.business_emails\"],\"verified\":true"));
    assertThat(one.statusCode()).isEqualTo(200);
  }

  @Test
  void aSelfServePlanGets403AndTheEnrichEndpointStillAnswers() {
    SIM.simulator().setEntitled(CONTACT, false);
    HttpResponse<String> r = SIM.client().post(CONTACT, emails(SIM.people().emailOf(3)));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("permission_error");
    assertThat(
            SIM.client()
                .post(SimulatedEndpoint.ENRICH, emails(SIM.people().emailOf(3)))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void contactEnrichHasItsOwnWindow() {
    String body = emails(SIM.people().emailOf(3));
    List<Integer> statuses =
        IntStream.range(0, 5).mapToObj(i -> SIM.client().post(CONTACT, body).statusCode()).toList();
    assertThat(statuses).containsExactly(200, 200, 200, 200, 429);
    HttpResponse<String> enrich = SIM.client().post(SimulatedEndpoint.ENRICH, body);
    assertThat(enrich.statusCode()).isEqualTo(200);
    assertThat(header(enrich, "x-ratelimit-limit")).isEqualTo("2");
    assertThat(header(enrich, "x-ratelimit-remaining")).isEqualTo("1");
  }

  private static void assertInvalid(HttpResponse<String> r, String messagePart) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request");
    assertThat(json(r).toString()).contains(messagePart);
    assertThat(header(r, "x-ratelimit-limit")).isEqualTo("4");
  }
}
