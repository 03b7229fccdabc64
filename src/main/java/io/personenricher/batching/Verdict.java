package io.personenricher.batching;

import io.personenricher.model.avro.DeadLetterReason;

/**
 * A dead-letter decision taken before an event could be emitted: kept with an event that must wait
 * behind an earlier event of the same key, so that even rejections come out in key order.
 */
public record Verdict(DeadLetterReason reason, String errorClass, String message) {}
