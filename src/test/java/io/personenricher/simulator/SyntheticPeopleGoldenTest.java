package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins what the dataset returns: the demo sample, the README's demo output and every caller's
 * expectations rest on person {@code i} staying the same person. A change that alters an existing
 * field fails here; adding a field to the synthetic people must happen outside {@code personData}
 * or update these digests knowingly.
 */
class SyntheticPeopleGoldenTest {

  @Test
  void theDemoDatasetsPeopleAndRecordsAreUnchanged() throws Exception {
    assertThat(digest(new SyntheticPeople(42, 10_000), 2_000))
        .isEqualTo("47f912003f740caa02cfd1e55758831a729989c86a2f882fe950204847cb143e");
  }

  @Test
  void theSimulatorTestDatasetsPeopleAndRecordsAreUnchanged() throws Exception {
    assertThat(digest(new SyntheticPeople(11, 3_000), 3_000))
        .isEqualTo("e83866e9a27580e010762e3e0d3e01ef645324e2af12ce7e43526018061b25f3");
  }

  @Test
  void notIndexedPeopleComeOnTopAndChangeNoIndexedOne() throws Exception {
    assertThat(digest(new SyntheticPeople(42, 10_000, 0.5), 2_000))
        .isEqualTo(digest(new SyntheticPeople(42, 10_000), 2_000));
  }

  private static String digest(SyntheticPeople people, int count) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < count; i++) {
      sha.update(people.person(i).toString().getBytes(StandardCharsets.UTF_8));
      sha.update(people.personData(i).toString().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
