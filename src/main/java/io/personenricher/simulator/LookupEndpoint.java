package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;

/**
 * The person lookups after the gateway, steps 5 to 9 of spec §4.4: {@code /person/enrich}, live
 * enrich and contact enrich. All answer a JSON array with one entry per input, in input order,
 * echoing each input verbatim in {@code matched_on} (spec §3.1); they differ in the identifiers
 * they take, who they find, what they return of a person and what it costs, so those are the parts
 * each one is built from.
 *
 * <p>Threading notes: not thread-safe (it charges the {@link CreditAccount}); the simulator calls
 * it under its lock.
 */
final class LookupEndpoint implements EndpointHandler {

  /** What a matched person's {@code person_data} is, from the full record. */
  @FunctionalInterface
  interface Renderer {
    ObjectNode render(ObjectNode fullRecord, LookupRequest request);
  }

  /** What a lookup costs. */
  interface Pricing {
    /** The most one matched profile can cost, for the 402 check before the lookup. */
    double worstCasePerProfile(LookupRequest request);

    /** What one returned {@code person_data} costs. */
    double charge(ObjectNode personData, LookupRequest request);
  }

  /** Live enrich's price per matched profile (spec §6). */
  static final double LIVE_CREDITS_PER_PROFILE = 7;

  private final SyntheticPeople people;
  private final IdentifierRules rules;
  private final FieldVocabulary vocabulary;
  private final PersonLookup lookup;
  private final Renderer renderer;
  private final Pricing pricing;
  private final CreditAccount credits;
  private final boolean notFoundWhenAllMiss;

  LookupEndpoint(
      SyntheticPeople people,
      IdentifierRules rules,
      FieldVocabulary vocabulary,
      PersonLookup lookup,
      Renderer renderer,
      Pricing pricing,
      CreditAccount credits,
      boolean notFoundWhenAllMiss) {
    this.people = people;
    this.rules = rules;
    this.vocabulary = vocabulary;
    this.lookup = lookup;
    this.renderer = renderer;
    this.pricing = pricing;
    this.credits = credits;
    this.notFoundWhenAllMiss = notFoundWhenAllMiss;
  }

  /**
   * {@code POST /person/enrich}: URLs or emails over the indexed people; the {@code fields}
   * projection and add-on prices of {@link EnrichPricing}; {@code preview} is free.
   */
  static LookupEndpoint enrich(
      SyntheticPeople people, PersonFields vocabulary, CreditAccount credits, SimulatorSettings s) {
    boolean all = s.allFieldsByDefault();
    return new LookupEndpoint(
        people,
        new IdentifierRules(EnumSet.allOf(IdentifierKind.class), s.rejectMalformedEmails()),
        vocabulary.vocabulary(),
        new PersonLookup(people, s.serverSideMinSimilarity()),
        (full, request) -> vocabulary.project(full, request.fields(), all),
        new Pricing() {
          @Override
          public double worstCasePerProfile(LookupRequest request) {
            return request.preview() ? 0 : EnrichPricing.worstCasePerProfile(request.fields(), all);
          }

          @Override
          public double charge(ObjectNode data, LookupRequest request) {
            return request.preview() ? 0 : EnrichPricing.profileCredits(data);
          }
        },
        credits,
        s.notFoundWhenAllMiss());
  }

  /**
   * {@code POST /person/professional_network/enrich/live} (spec §8): profile URLs only, found
   * whether indexed or not; the same envelope and {@code fields} as enrich; a flat {@value
   * #LIVE_CREDITS_PER_PROFILE} credits per matched profile.
   */
  static LookupEndpoint live(
      SyntheticPeople people, PersonFields vocabulary, CreditAccount credits, SimulatorSettings s) {
    boolean all = s.allFieldsByDefault();
    return new LookupEndpoint(
        people,
        new IdentifierRules(EnumSet.of(IdentifierKind.PROFILE_URL), true),
        vocabulary.vocabulary(),
        new PersonLookup(people, false, true),
        (full, request) -> vocabulary.project(full, request.fields(), all),
        new Pricing() {
          @Override
          public double worstCasePerProfile(LookupRequest request) {
            return LIVE_CREDITS_PER_PROFILE;
          }

          @Override
          public double charge(ObjectNode data, LookupRequest request) {
            return LIVE_CREDITS_PER_PROFILE;
          }
        },
        credits,
        false);
  }

  /**
   * {@code POST /person/contact/enrich} (spec §9): URLs or emails over the indexed people, contact
   * fields only ({@link ContactFields}), {@code verified} keeps deliverable emails only.
   */
  static LookupEndpoint contact(
      SyntheticPeople people, CreditAccount credits, SimulatorSettings s) {
    ContactFields contact = new ContactFields();
    return new LookupEndpoint(
        people,
        new IdentifierRules(EnumSet.allOf(IdentifierKind.class), s.rejectMalformedEmails()),
        ContactFields.VOCABULARY,
        new PersonLookup(people, s.serverSideMinSimilarity()),
        (full, request) -> contact.project(full, request.fields(), request.verified()),
        new Pricing() {
          @Override
          public double worstCasePerProfile(LookupRequest request) {
            return ContactFields.worstCasePerProfile(request.fields());
          }

          @Override
          public double charge(ObjectNode data, LookupRequest request) {
            return ContactFields.charge(data);
          }
        },
        credits,
        false);
  }

  @Override
  public ApiAnswer handle(ApiCall call, String key, FaultSettings faults) {
    LookupRequest request =
        LookupRequest.read(call.requireObjectBody(), rules, vocabulary, faults.rejectIdentifiers());
    IdentifierBatch batch = request.batch();
    // Step 8: the worst case is every identifier matching one profile at its highest price.
    credits.requireCovers(batch.values().size() * pricing.worstCasePerProfile(request));

    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    double charge = 0;
    int matched = 0;
    for (String id : batch.values()) {
      ObjectNode entry = entries.addObject();
      entry.put("matched_on", id);
      entry.put("match_type", batch.kind().matchType());
      ArrayNode matches = entry.putArray("matches");
      for (SyntheticPeople.Candidate c : lookup.find(batch.kind(), id, request.minScore())) {
        ObjectNode data = renderer.render(people.personData(c.index()), request);
        matches.addObject().put("confidence_score", c.score()).set("person_data", data);
        charge += pricing.charge(data, request);
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
