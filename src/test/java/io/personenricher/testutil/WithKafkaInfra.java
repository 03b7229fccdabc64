package io.personenricher.testutil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class (or method) {@link Broker} and {@link SchemaRegistry} parameters, each started
 * once per test run. See {@link KafkaInfraExtension}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaInfraExtension.class)
public @interface WithKafkaInfra {}
