package io.personenricher.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One candidate person of a response entry.
 *
 * @param confidenceScore the API's confidence in [0, 1]
 * @param personData the complete {@code person_data} object as returned, never trimmed
 */
public record PersonMatchResult(double confidenceScore, JsonNode personData) {
  public PersonMatchResult {
    Objects.requireNonNull(personData, "personData");
  }
}
