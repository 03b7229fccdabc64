package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.client.IdentifierKind;
import io.personenricher.quota.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupKeyTest {

  @Test
  void aLiveTwinKeepsTheFieldsHasItsOwnTextFormAndComesBackFromIt() {
    GroupKey index = new GroupKey(IdentifierKind.PROFILE_URL, List.of("experience"), null);
    GroupKey live = index.liveTwin();

    assertThat(live.encode()).isEqualTo("L||experience");
    assertThat(index.encode()).isEqualTo("U||experience");
    assertThat(GroupKey.decode(live.encode())).isEqualTo(live);
    assertThat(GroupKey.decode(index.encode())).isEqualTo(index);
    assertThat(live.fields()).containsExactly("experience");
  }

  @Test
  void liveGroupsGoToLiveEnrichWhateverTheRoutingOfTheirKind() {
    GroupKey live = new GroupKey(IdentifierKind.PROFILE_URL, List.of(), null).liveTwin();

    assertThat(EndpointRouting.defaults().of(live)).isEqualTo(Endpoint.LIVE_ENRICH);
    assertThat(
            EndpointRouting.defaults()
                .of(new GroupKey(IdentifierKind.PROFILE_URL, List.of(), null)))
        .isEqualTo(Endpoint.ENRICH);
  }

  @Test
  void keysOfTheSameOptionsAreEqualWhateverListsTheyWereMadeFrom() {
    GroupKey one =
        new GroupKey(
            IdentifierKind.BUSINESS_EMAIL, new ArrayList<>(List.of("experience", "skills")), 0.8);
    GroupKey other =
        new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("experience", "skills"), 0.8);

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(GroupKey.decode(one.encode())).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(one.toString())
        .isEqualTo(
            "GroupKey[kind=BUSINESS_EMAIL, fields=[experience, skills], minSimilarityScore=0.8,"
                + " live=false]");
  }

  @Test
  void everyOptionTellsKeysApart() {
    GroupKey email = new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("experience"), 0.8);

    assertThat(email)
        .isNotEqualTo(new GroupKey(IdentifierKind.PROFILE_URL, List.of("experience"), 0.8))
        .isNotEqualTo(new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("skills"), 0.8))
        .isNotEqualTo(new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("experience"), 0.9))
        .isNotEqualTo(new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("experience"), null))
        .isNotEqualTo(new GroupKey(IdentifierKind.PROFILE_URL, List.of("experience"), null));
    GroupKey url = new GroupKey(IdentifierKind.PROFILE_URL, List.of("experience"), null);
    assertThat(url).isNotEqualTo(url.liveTwin());
  }

  @Test
  void aProfileUrlGroupIgnoresTheThreshold() {
    assertThat(new GroupKey(IdentifierKind.PROFILE_URL, List.of(), 0.5))
        .isEqualTo(new GroupKey(IdentifierKind.PROFILE_URL, List.of(), null))
        .extracting(GroupKey::minSimilarityScore)
        .isNull();
  }

  @Test
  void onlyProfileUrlsCanBeLive() {
    assertThatThrownBy(() -> new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
