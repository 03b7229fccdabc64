package io.personenricher.batching;

import java.util.List;

/**
 * One distinct identifier of a batch: sent once, answering every event that carries it.
 *
 * @param sentValue the value as sent (the first member's identifier verbatim)
 * @param normalized the de-duplication form shared by all members
 * @param members the events answered by this identifier, in input order
 */
record BatchItem(String sentValue, String normalized, List<BatchMember> members) {
  BatchItem {
    members = List.copyOf(members);
  }
}
