package io.personenricher.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkLocatorTest {

  @TempDir Path jvms;

  private Path fakeJdk(String name, String javaVersion) throws IOException {
    Path home = jvms.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Path java = home.resolve("bin").resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
    return home;
  }

  @Test
  void picksTheFirstCandidateThatIsNewEnoughByItsReleaseFile() throws IOException {
    Path jdk17 = fakeJdk("jdk-17", "17.0.15");
    Path jdk25 = fakeJdk("jdk-25", "25.0.3");
    Path jdk21 = fakeJdk("jdk-21", "21.0.2");

    Optional<JdkLocator.Jdk> found =
        new JdkLocator(Optional.empty(), List.of(jdk17, jdk25, jdk21)).find(21);

    assertThat(found).isPresent();
    assertThat(found.get().featureVersion()).isEqualTo(25);
    assertThat(found.get().javaExecutable()).isEqualTo(jdk25.toRealPath().resolve("bin/java"));
  }

  @Test
  void ignoresDirectoriesWithoutAReleaseFileOrJavaBinary() throws IOException {
    Path noRelease = jvms.resolve("broken");
    Files.createDirectories(noRelease.resolve("bin"));

    assertThat(
            new JdkLocator(Optional.empty(), List.of(noRelease, jvms.resolve("missing"))).find(8))
        .isEmpty();
  }

  @Test
  void failsWithWhatToInstallWhenNothingIsNewEnough() throws IOException {
    Path jdk17 = fakeJdk("jdk-17", "17.0.15");

    assertThatThrownBy(
            () -> new JdkLocator(Optional.empty(), List.of(jdk17)).require(21, "Apicurio Registry"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Apicurio Registry needs Java 21 or newer")
        .hasMessageContaining("apt-get install temurin-21-jdk")
        .hasMessageContaining("APICURIO_JAVA");
  }

  @Test
  void anOverrideIsTheOnlyCandidateAndMayNameTheJavaBinary() throws IOException {
    Path jdk25 = fakeJdk("jdk-25", "25");
    Path jdk17 = fakeJdk("jdk-17", "17.0.15");

    assertThat(
            new JdkLocator(Optional.of(jdk25.resolve("bin/java").toString()), List.of()).find(21))
        .map(JdkLocator.Jdk::featureVersion)
        .contains(25);
    assertThatThrownBy(
            () ->
                new JdkLocator(Optional.of(jdk17.toString()), List.of(jdk25))
                    .require(21, "Apicurio Registry"))
        .hasMessageContaining("APICURIO_JAVA=" + jdk17)
        .hasMessageContaining("is not a Java 21+ installation");
  }

  @Test
  void parsesOldAndNewVersionSchemes() {
    assertThat(JdkLocator.featureVersion("1.8.0_392")).isEqualTo(8);
    assertThat(JdkLocator.featureVersion("21")).isEqualTo(21);
    assertThat(JdkLocator.featureVersion("25.0.3")).isEqualTo(25);
    assertThat(JdkLocator.featureVersion("22-ea")).isEqualTo(22);
  }
}
