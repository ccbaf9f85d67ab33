package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/**
 * Why every tracking processor has a thread to spare beyond its segments (application.yml): in
 * Axon 4.13, a stop that arrives while the launcher hands its own thread over to the last
 * segment's worker loses that thread, and the processor, started again, stays "running" with no
 * segment for good. Here the hand-over is held at the claim's commit while the stop arrives, the
 * exact interleaving CI met by chance. With one thread per segment the last assertions fail.
 * {@link ProcessorRestarts} waits out Axon's stop when the launcher takes longer than Axon waits.
 */
class TrackingProcessorThreadsTest {

    private final ProcessorRestarts restarts = new ProcessorRestarts();

    @Test
    void aStopDuringTheLaunchersHandOverLeavesAProcessorWithASpareThreadWorking() throws Exception {
        HeldClaims transactions = new HeldClaims();
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        List<EventMessage<?>> handled = new CopyOnWriteArrayList<>();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("threads")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Object() {
                    @org.axonframework.eventhandling.EventHandler
                    void on(String event, EventMessage<?> message) {
                        handled.add(message);
                    }
                }).build())
                .messageSource(events)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(2)
                        .andInitialSegmentsCount(1).andTokenClaimInterval(100, TimeUnit.MILLISECONDS)
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                .build();
        transactions.processor = processor;
        try {
            transactions.holdNextClaim.set(true);
            processor.start();
            assertThat(transactions.claimHeld.await(10, TimeUnit.SECONDS)).as("the claim's commit was reached").isTrue();
            // The stop as a resend makes it. The claim is held past the second Axon's own stop waits for its launcher.
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> restarts.pause(processor));
            while (processor.isRunning()) {
                Thread.sleep(5);
            }
            Thread.sleep(1_500);
            transactions.releaseClaim.countDown();
            stopped.get(10, TimeUnit.SECONDS);
            assertThat(processor.activeProcessorThreads()).as("stopped once pause returned").isZero();

            restarts.resume(processor);
            events.publish(GenericEventMessage.asEventMessage("after the restart"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (handled.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(processor.processingStatus()).as("a segment is worked").hasSize(1);
            assertThat(handled).as("the event after the restart is handled").hasSize(1);
        } finally {
            transactions.releaseClaim.countDown();
            processor.shutDown();
        }
    }

    /** Transactions that do nothing, except that the first commit after a segment was claimed waits until released. */
    private static final class HeldClaims implements TransactionManager {
        final AtomicBoolean holdNextClaim = new AtomicBoolean();
        final CountDownLatch claimHeld = new CountDownLatch(1);
        final CountDownLatch releaseClaim = new CountDownLatch(1);
        volatile TrackingEventProcessor processor;

        @Override
        public Transaction startTransaction() {
            return new Transaction() {
                @Override
                public void commit() {
                    if (!processor.processingStatus().isEmpty() && holdNextClaim.compareAndSet(true, false)) {
                        claimHeld.countDown();
                        try {
                            releaseClaim.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void rollback() {
                }
            };
        }
    }
}
