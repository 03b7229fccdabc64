package io.personenricher.credits;

import io.personenricher.quota.Endpoint;

/**
 * Credits a request may spend, granted by the {@link CreditBudget} before the request goes; {@link
 * CreditBudget#settle} replaces it with what the request really cost.
 *
 * @param period the period it counts in ({@link BudgetPeriod.Span#id()}), whenever it settles
 */
public record Reservation(
    String id, Endpoint endpoint, String period, long periodStartMs, double credits) {}
