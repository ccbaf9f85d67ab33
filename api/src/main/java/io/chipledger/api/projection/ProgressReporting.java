package io.chipledger.api.projection;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;

/**
 * Tells {@link ProjectionProgress} what this node's projections have handled, the moment each
 * batch commits: a processor-level interceptor on every group a read may wait for.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ProgressReporting {

    @Bean
    ConfigurerModule projectionProgressReporting(ProjectionProgress progress) {
        return configurer -> {
            for (String group : TrackingGroups.READ_MODELS) {
                configurer.eventProcessing().registerHandlerInterceptor(group,
                        configuration -> new BatchCommitReporter(group, progress, configuration));
            }
            // Only streaming processors name their segment and token; a subscribing one would leave reads waiting for nothing.
            configurer.onInitialize(configuration -> configuration.onStart(() -> TrackingGroups.READ_MODELS.forEach(group ->
                    configuration.eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class)
                            .orElseThrow(() -> new IllegalStateException("projection " + group + " must have a streaming processor")))));
        };
    }

    /**
     * On a batch's first event, arranges that after the batch commits, the segment and the token
     * it stored are published. Axon's streaming processors (tracking and pooled alike) put both in
     * the batch's unit of work under {@code Processor[<name>]/SegmentId} and {@code .../Token}:
     * the token that covers every event of the batch, including those the projection ignores. A
     * batch without events this projection handles never reaches an interceptor; the token Axon
     * stores for it is found by the refresher. The segment's mask is the processor's own.
     */
    static final class BatchCommitReporter implements MessageHandlerInterceptor<EventMessage<?>> {

        private final String group;
        private final ProjectionProgress progress;
        private final Configuration configuration;
        private final String segmentIdKey;
        private final String tokenKey;
        private volatile StreamingEventProcessor processor;

        BatchCommitReporter(String group, ProjectionProgress progress, Configuration configuration) {
            this.group = group;
            this.progress = progress;
            this.configuration = configuration;
            this.segmentIdKey = "Processor[" + group + "]/SegmentId";
            this.tokenKey = "Processor[" + group + "]/Token";
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage()) {
                Integer segmentId = unitOfWork.getResource(segmentIdKey);
                TrackingToken token = unitOfWork.getResource(tokenKey);
                if (segmentId != null) {
                    unitOfWork.afterCommit(committed -> report(segmentId, token));
                }
            }
            return chain.proceed();
        }

        private void report(int segmentId, TrackingToken token) {
            EventTrackerStatus status = processor().processingStatus().get(segmentId);
            // A segment released while its batch committed is no longer this node's to report; the refresher reads it.
            if (status != null) {
                progress.committed(group, status.getSegment(), token);
            }
        }

        private StreamingEventProcessor processor() {
            if (processor == null) {
                processor = configuration.eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("projection " + group + " has no streaming processor"));
            }
            return processor;
        }
    }
}
