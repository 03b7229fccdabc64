package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchSortsTest {

  private static final SearchIndex X = new SearchIndex(new SyntheticPeople(5, 300));

  @Test
  void withoutSortsPeopleComeInPersonIdOrder() {
    assertThat(sorted(null)).isSorted();
    assertThat(sorted("[]")).isSorted();
  }

  @Test
  void sortsApplyInOrderAndTiesFallBackToThePersonId() {
    List<Integer> order =
        sorted(
            "[{\"field\":\"professional_network.connections\",\"order\":\"desc\"},"
                + "{\"field\":\"basic_profile.name\"}]");
    for (int k = 1; k < order.size(); k++) {
      int a = order.get(k - 1);
      int b = order.get(k);
      assertThat(X.connections(a)).isGreaterThanOrEqualTo(X.connections(b));
      if (X.connections(a) == X.connections(b)) {
        int byName = X.name(a).compareTo(X.name(b));
        assertThat(byName).isLessThanOrEqualTo(0);
        if (byName == 0) {
          assertThat(a).isLessThan(b);
        }
      }
    }
  }

  @Test
  void everyDocumentedSortableFieldSorts() {
    for (String field : SearchSorts.sortableFields()) {
      assertThat(sorted("[{\"field\":\"" + field + "\",\"order\":\"asc\"}]")).hasSize(X.size());
    }
  }

  @Test
  void anUnknownFieldOrOrderOrANonArrayIs400() {
    for (String bad :
        List.of(
            "[{\"field\":\"basic_profile.headline\"}]",
            "[{\"field\":\"basic_profile.name\",\"order\":\"up\"}]",
            "{\"field\":\"basic_profile.name\"}")) {
      ApiRejection r =
          catchThrowableOfType(
              ApiRejection.class, () -> SearchSorts.compile(SimulatorClient.parse(bad)));
      assertThat(r).as(bad).isNotNull();
      assertThat(r.answer().status()).isEqualTo(400);
    }
  }

  private static List<Integer> sorted(String sorts) {
    Comparator<Integer> order =
        SearchSorts.compile(sorts == null ? null : SimulatorClient.parse(sorts)).over(X);
    return IntStream.range(0, X.size()).boxed().sorted(order).toList();
  }
}
