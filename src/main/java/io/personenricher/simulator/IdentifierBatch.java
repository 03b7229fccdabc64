package io.personenricher.simulator;

import java.util.List;

/**
 * The validated identifiers of one lookup request: one kind, 1 to 25 values, in input order.
 *
 * @param kind which array they came in
 * @param values the values exactly as sent
 */
record IdentifierBatch(IdentifierKind kind, List<String> values) {

  IdentifierBatch {
    values = List.copyOf(values);
  }
}
