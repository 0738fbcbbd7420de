package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions under load through the one decision path while two real revisions flip hundreds of times a second.
 * The two revisions answer recognizably differently (A allows and says "A"; B denies with "B refuses" and says
 * "B"), so a decision assembled from both, or named after one and answered by the other, would show.
 */
@QuarkusTest
class ReloadStressTest {

    private static final int DECIDERS = 4;
    private static final long RUN_MILLIS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RevisionHolder revisions;

    @Inject
    DecisionService decisions;

    @TempDir
    Path directory;

    private Revision compile(String name, String policy) throws Exception {
        Path dir = Files.createDirectories(directory.resolve(name));
        Files.writeString(dir.resolve("stress.pol"), policy);
        return PolicyEngine.load(dir);
    }

    @Test
    void whenRevisionsFlipUnderLoadThenEveryDecisionIsWhollyTheRevisionItNames() throws Exception {
        Revision a = compile("a", """
                package stress
                default allow := false
                allow if input.n >= 0
                obligations["answer"] := "A" if input.n >= 0
                """);
        Revision b = compile("b", """
                package stress
                default allow := false
                allow if input.n >= 0
                deny contains "B refuses" if input.n >= 0
                obligations["answer"] := "B" if input.n >= 0
                """);
        Revision original = revisions.current().orElseThrow();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        AtomicInteger flips = new AtomicInteger();
        try {
            revisions.activate(a, 0L);
            run(a, b, problems, byA, byB, flips);
        } finally {
            revisions.activate(original, 0L);
        }

        System.out.printf("reload stress: %d decisions (%d by A, %d by B) over %d revision flips in %d ms%n",
                byA.get() + byB.get(), byA.get(), byB.get(), flips.get(), RUN_MILLIS);
        assertThat(problems).as("decisions that mixed revisions or failed").isEmpty();
        assertThat(flips.get()).as("revision flips").isGreaterThan(50);
        assertThat(byA.get()).as("decisions by A").isPositive();
        assertThat(byB.get()).as("decisions by B").isPositive();
    }

    private void run(Revision a, Revision b, ConcurrentLinkedQueue<String> problems, AtomicInteger byA,
            AtomicInteger byB, AtomicInteger flips) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(DECIDERS + 1);
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                while (running.get()) {
                    revisions.activate(flips.incrementAndGet() % 2 == 0 ? a : b, 0L);
                    Thread.sleep(2);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }));
        for (int index = 0; index < DECIDERS; index++) {
            threads.add(new Thread(() -> {
                try {
                    while (running.get()) {
                        check(decide(), a, b, problems, byA, byB);
                    }
                } catch (RuntimeException failed) {
                    problems.add("decision threw " + failed);
                } finally {
                    done.countDown();
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(RUN_MILLIS);
        running.set(false);
        done.await();
    }

    private Decision decide() {
        DecisionOutcome outcome = decisions.decide(DecisionQuery.of("stress",
                JSON.createObjectNode().put("n", 1)));
        return outcome.decision();
    }

    /**
     * Whether the service adds its own deny reason (an audit sink that is not there yet) does not matter here: the
     * engine's part of the answer must be exactly the named revision's.
     */
    private static void check(Decision decision, Revision a, Revision b, ConcurrentLinkedQueue<String> problems,
            AtomicInteger byA, AtomicInteger byB) {
        String answer = answerOf(decision);
        boolean refusedByB = decision.reasons().contains("B refuses");
        if (decision.revision().equals(a.id()) && "A".equals(answer) && !refusedByB) {
            byA.incrementAndGet();
        } else if (decision.revision().equals(b.id()) && "B".equals(answer) && refusedByB && !decision.allowed()) {
            byB.incrementAndGet();
        } else {
            problems.add("revision " + decision.revision() + " answered " + answer + " with reasons "
                    + decision.reasons() + ", allowed " + decision.allowed());
        }
    }

    private static String answerOf(Decision decision) {
        Value answer = decision.obligations().members().get("answer");
        return answer instanceof Value.Str text ? text.value() : null;
    }
}
