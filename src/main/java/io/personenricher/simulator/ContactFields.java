package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Contact Enrich's {@code fields} (spec §9): only the four contact fields, all of them when
 * omitted; {@code person_data} carries the {@code contact} section alone. With {@code verified:
 * true} only emails whose status is {@code deliverable} are returned. Price: the base profile
 * credit plus one per contact field that is returned non-empty (spec §9, "charged only for the
 * contact values that are delivered").
 *
 * <p>Threading notes: immutable.
 */
final class ContactFields {

  static final List<String> FIELDS =
      List.of(
          "contact.business_emails",
          "contact.personal_emails",
          "contact.phone_numbers",
          "contact.websites");

  static final FieldVocabulary VOCABULARY = new FieldVocabulary(FIELDS);

  /** The requested contact fields of a full record ({@code fields} empty: all four). */
  ObjectNode project(ObjectNode full, List<String> fields, boolean verifiedOnly) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ObjectNode contact = data.putObject("contact");
    for (String field : fields.isEmpty() ? FIELDS : fields) {
      String name = field.substring("contact.".length());
      JsonNode values = full.path("contact").path(name);
      ArrayNode out = contact.putArray(name);
      for (JsonNode value : values) {
        if (!verifiedOnly
            || !value.has("status")
            || value.path("status").asText().equals("deliverable")) {
          out.add(value.deepCopy());
        }
      }
    }
    return data;
  }

  /** The most one matched profile can cost: base plus every field asked for. */
  static double worstCasePerProfile(List<String> fields) {
    return 1 + (fields.isEmpty() ? FIELDS.size() : fields.stream().distinct().count());
  }

  /** What one returned {@code person_data} costs: base plus each non-empty contact field. */
  static double charge(ObjectNode data) {
    double credits = 1;
    for (JsonNode values : data.path("contact")) {
      credits += EnrichPricing.nonEmpty(values) ? 1 : 0;
    }
    return credits;
  }
}
