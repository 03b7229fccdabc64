package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.client.IdentifierKind;
import io.personenricher.quota.Endpoint;
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
  void onlyProfileUrlsCanBeLive() {
    assertThatThrownBy(() -> new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
