package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;

/**
 * {@code POST /person/enrich} after the gateway: steps 5 to 9 of spec §4.4. The answer is a JSON
 * array with one entry per input, in input order, echoing each input verbatim in {@code matched_on}
 * (spec §3.1); credits are charged for what is returned (spec §6).
 *
 * <p>Threading notes: not thread-safe (it charges the {@link CreditAccount}); the simulator calls
 * it under its lock.
 */
final class EnrichEndpoint implements EndpointHandler {

  private final SyntheticPeople people;
  private final PersonLookup lookup;
  private final PersonFields vocabulary;
  private final IdentifierRules rules;
  private final CreditAccount credits;
  private final boolean allFieldsByDefault;
  private final boolean notFoundWhenAllMiss;

  EnrichEndpoint(
      SyntheticPeople people, PersonFields vocabulary, CreditAccount credits, SimulatorSettings s) {
    this.people = people;
    this.lookup = new PersonLookup(people, s.serverSideMinSimilarity());
    this.vocabulary = vocabulary;
    this.rules =
        new IdentifierRules(EnumSet.allOf(IdentifierKind.class), s.rejectMalformedEmails());
    this.credits = credits;
    this.allFieldsByDefault = s.allFieldsByDefault();
    this.notFoundWhenAllMiss = s.notFoundWhenAllMiss();
  }

  @Override
  public ApiAnswer handle(ApiCall call, String key, FaultSettings faults) {
    LookupRequest request =
        LookupRequest.read(call.requireObjectBody(), rules, vocabulary, faults.rejectIdentifiers());
    IdentifierBatch batch = request.batch();
    // Step 8: the worst case is every identifier matching one profile with every add-on asked for.
    credits.requireCovers(
        request.preview()
            ? 0
            : batch.values().size()
                * EnrichPricing.worstCasePerProfile(request.fields(), allFieldsByDefault));

    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    double charge = 0;
    int matched = 0;
    for (String id : batch.values()) {
      ObjectNode entry = entries.addObject();
      entry.put("matched_on", id);
      entry.put("match_type", batch.kind().matchType());
      ArrayNode matches = entry.putArray("matches");
      for (SyntheticPeople.Candidate c : lookup.find(batch.kind(), id, request.minScore())) {
        ObjectNode data =
            vocabulary.project(people.personData(c.index()), request.fields(), allFieldsByDefault);
        matches.addObject().put("confidence_score", c.score()).set("person_data", data);
        charge += request.preview() ? 0 : EnrichPricing.profileCredits(data);
        matched++;
      }
    }
    credits.charge(charge);
    if (matched == 0 && notFoundWhenAllMiss) {
      return ApiAnswer.error(404, "not_found", "No data found for the given identifiers.");
    }
    return ApiAnswer.json(200, entries.toString(), charge, matched);
  }
}
