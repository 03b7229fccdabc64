/**
 * Application-wide answer reuse: one record per identifier (and request options) on the
 * application's answers topic, folded by every instance into the same global store, so that an
 * identifier is paid for once in the whole application within the time-to-live, whatever partition
 * or instance its twins land on.
 *
 * <p>A task that is about to ask the API for an identifier first claims it on the topic; the
 * topic's order decides between two tasks that claim at once ({@link ReuseFold}), the loser waits
 * for the winner's answer, and the answer replaces the claim.
 */
package io.personenricher.reuse;
