package io.personenricher.batching;

import io.personenricher.client.IdentifierKind;
import io.personenricher.quota.Endpoint;
import java.util.Objects;

/**
 * Which endpoint each identifier kind is sent to. Both go to {@code /person/enrich} by default (the
 * contract the project was built on); a key on the newer contract sends business emails to {@code
 * /person/contact/enrich} (spec §0, §9), so the two kinds draw on two quotas.
 */
public record EndpointRouting(Endpoint businessEmail, Endpoint profileUrl) {

  public EndpointRouting {
    Objects.requireNonNull(businessEmail, "businessEmail");
    Objects.requireNonNull(profileUrl, "profileUrl");
  }

  public static EndpointRouting defaults() {
    return new EndpointRouting(Endpoint.ENRICH, Endpoint.ENRICH);
  }

  public Endpoint of(IdentifierKind kind) {
    return kind == IdentifierKind.BUSINESS_EMAIL ? businessEmail : profileUrl;
  }

  /** Where a group's batches go: live enrich for a live group, else by identifier kind. */
  public Endpoint of(GroupKey group) {
    return group.live() ? Endpoint.LIVE_ENRICH : of(group.kind());
  }
}
