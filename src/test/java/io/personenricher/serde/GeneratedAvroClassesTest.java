package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import org.junit.jupiter.api.Test;

class GeneratedAvroClassesTest {

  @Test
  void trustsGeneratedRecordsAndEnumsButNotArbitraryClasses() {
    assertThat(GeneratedAvroClasses.isGenerated(IdentifierEvent.class)).isTrue();
    assertThat(GeneratedAvroClasses.isGenerated(IdentifierType.class)).isTrue();
    assertThat(GeneratedAvroClasses.isGenerated(java.io.File.class)).isFalse();
    assertThat(GeneratedAvroClasses.isGenerated(java.util.concurrent.TimeUnit.class)).isFalse();
  }
}
