package io.chipledger.api.kafka;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * Present only while the service publishes to Kafka: bootstrap servers are configured, or the
 * in-JVM broker is on ({@link KafkaSettings}). The one place that says when.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnExpression("!'${spring.kafka.bootstrap-servers:}'.isBlank() or '${chipledger.kafka.embedded:true}' == 'true'")
@interface ConditionalOnKafka {
}
