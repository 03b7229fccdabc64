package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LookupEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PersonFields FIELDS = PersonFields.enrich();
  private static final SimulatorSettings SETTINGS =
      SimulatorSettings.defaults().withDataset(1_000, 11);
  private static final SyntheticPeople PEOPLE = new SyntheticPeople(11, 1_000);

  private final CreditAccount credits = new CreditAccount(100);
  private final LookupEndpoint endpoint = LookupEndpoint.enrich(PEOPLE, FIELDS, credits, SETTINGS);

  @Test
  void answersOneEntryPerInputInOrderAndChargesOnlyTheMatches() throws Exception {
    ApiAnswer answer =
        handle(
            "{\"professional_network_profile_urls\":[\""
                + PEOPLE.unknownProfileUrl(1)
                + "\",\""
                + PEOPLE.profileUrlOf(3)
                + "/\"]}");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body).hasSize(2);
    assertThat(body.at("/0/matches")).isEmpty();
    assertThat(body.at("/1/matched_on").asText()).isEqualTo(PEOPLE.profileUrlOf(3) + "/");
    assertThat(body.at("/1/matches/0/person_data/basic_profile/name").asText())
        .isEqualTo(PEOPLE.person(3).name());
    assertThat(answer.credits()).isEqualTo(1);
    assertThat(answer.results()).isEqualTo(1);
    assertThat(credits.balance()).isEqualTo(99);
  }

  @Test
  void theBalanceMustCoverTheWorstCaseBeforeAnyLookup() {
    credits.setBalance(1);
    ApiRejection r =
        catchThrowableOfType(
            ApiRejection.class,
            () ->
                handle(
                    "{\"business_emails\":[\""
                        + PEOPLE.emailOf(1)
                        + "\"],\"fields\":[\"contact.business_emails\"]}"));
    assertThat(r.answer().status()).isEqualTo(402);
    assertThat(credits.balance()).isEqualTo(1);
  }

  @Test
  void aPreviewIsFreeEvenWithoutCredits() {
    credits.setBalance(0);
    ApiAnswer answer =
        handle("{\"business_emails\":[\"" + PEOPLE.emailOf(1) + "\"],\"preview\":true}");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.credits()).isZero();
  }

  @Test
  void notFoundModeAnswers404WhenNothingMatches() {
    LookupEndpoint notFound =
        LookupEndpoint.enrich(PEOPLE, FIELDS, credits, SETTINGS.withModes(false, true, true, true));
    ApiAnswer answer =
        notFound.handle(
            call("{\"business_emails\":[\"" + PEOPLE.unknownEmail(1) + "\"]}"),
            "k",
            FaultSettings.none());
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body()).contains("not_found");
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    ApiRejection r = catchThrowableOfType(ApiRejection.class, () -> handle("[1]"));
    assertThat(r.answer().status()).isEqualTo(400);
  }

  @Test
  void liveFindsNotIndexedPeopleAtSevenCreditsEachEvenAsAPreview() throws Exception {
    SyntheticPeople withHidden = new SyntheticPeople(11, 1_000, 0.2);
    LookupEndpoint live = LookupEndpoint.live(withHidden, FIELDS, credits, SETTINGS);
    LookupEndpoint enrich = LookupEndpoint.enrich(withHidden, FIELDS, credits, SETTINGS);
    String body =
        "{\"professional_network_profile_urls\":[\""
            + withHidden.notIndexedProfileUrlOf(0)
            + "\",\""
            + withHidden.profileUrlOf(2)
            + "\"],\"preview\":true}";
    ApiAnswer fresh = live.handle(call(body), "k", FaultSettings.none());
    assertThat(fresh.results()).isEqualTo(2);
    assertThat(fresh.credits()).isEqualTo(14);
    assertThat(
            JSON.readTree(fresh.body()).at("/0/matches/0/person_data/basic_profile/name").asText())
        .isEqualTo(withHidden.person(1_000).name());
    ApiAnswer indexed = enrich.handle(call(body), "k", FaultSettings.none());
    assertThat(indexed.results()).isEqualTo(1);
  }

  @Test
  void liveTakesProfileUrlsOnly() {
    LookupEndpoint live = LookupEndpoint.live(PEOPLE, FIELDS, credits, SETTINGS);
    ApiRejection r =
        catchThrowableOfType(
            ApiRejection.class,
            () ->
                live.handle(
                    call("{\"business_emails\":[\"" + PEOPLE.emailOf(1) + "\"]}"),
                    "k",
                    FaultSettings.none()));
    assertThat(r.answer().status()).isEqualTo(400);
    assertThat(r.answer().body()).contains("professional_network_profile_urls");
  }

  private ApiAnswer handle(String body) {
    return endpoint.handle(call(body), "k", FaultSettings.none());
  }

  private static ApiCall call(String body) {
    return ApiCall.of(SimulatedEndpoint.ENRICH, "Bearer k", "2025-11-01", body, 0);
  }
}
