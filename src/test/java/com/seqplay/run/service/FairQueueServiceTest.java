package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.seqplay.config.QueueProperties;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.SpecJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The fair queue through the services, in lab mode (each submission made as a user) with two
 * trainer slots and at most one running run per user, scripted trainers instead of JVMs.
 */
@SpringJUnitConfig({RunServicesTestConfig.class, FairQueueServiceTest.OnePerUser.class})
class FairQueueServiceTest {

    @Configuration
    static class OnePerUser {
        /** Replace the beans of {@link RunServicesTestConfig} of the same names. */
        @Bean
        QueueProperties queueSettings() {
            return new QueueProperties(1, 12);
        }

        @Bean
        SeqplayProperties properties(RunServicesTestConfig.TempDataDir dir) {
            var local = new RunServicesTestConfig().properties(dir);
            return new SeqplayProperties(local.dataDir(), "lab", local.runs(), local.trainer(), local.launch(),
                    local.inference());
        }
    }

    @Autowired
    RunService service;
    @Autowired
    RunRepository repository;
    @Autowired
    FakeTrainerLauncher launcher;

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void two_users_with_ten_runs_each_both_progress_one_at_a_time_and_none_is_lost() {
        Map<String, Integer> mostRunning = new ConcurrentHashMap<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                repository.runningByOwner().forEach((owner, n) -> mostRunning.merge(owner, n, Math::max));
                Thread.onSpinWait();
            }
        });
        sampler.start();
        List<Long> ids = new ArrayList<>();
        // Alice submits all of hers first: without turns, Bob would wait for all ten. Her first run
        // is held until every run is submitted, so the order does not depend on how fast the
        // submissions are compared with the scripted trainers (on a loaded machine her first
        // three finished before Bob had submitted anything).
        for (String user : List.of("alice", "bob")) {
            for (int i = 1; i <= 10; i++) {
                String name = "fair-" + user + "-" + i;
                launcher.script(name, i == 1 && user.equals("alice")
                        ? TrainerScript.succeedingWhenReleased() : TrainerScript.succeeding());
                ids.add(as(user, () -> service.submit(SpecJson.parse(spec(name)))).id());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> launcher.trainer("fair-alice-1").isPresent());
        launcher.trainer("fair-alice-1").orElseThrow().release();

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> service.get(id).status().isFinal()));
        sampling.set(false);

        assertThat(ids).allSatisfy(id -> assertThat(service.get(id).status()).isEqualTo(RunStatus.SUCCEEDED));
        List<String> order = launcher.startOrder().stream().filter(n -> n.startsWith("fair-")).toList();
        assertThat(order).hasSize(20);
        assertThat(order.indexOf("fair-bob-1"))
                .as("Bob's first run starts while Alice still has nine waiting: %s", order).isEqualTo(1);
        assertThat(order.indexOf("fair-alice-2")).as("Alice's second waits for her first: %s", order)
                .isGreaterThan(1);
        assertThat(mostRunning).allSatisfy((owner, n) -> assertThat(n).as(owner).isLessThanOrEqualTo(1));
    }

    @Test
    void a_queued_run_shows_its_place_and_why_it_waits_and_a_full_queue_is_refused() {
        Run a1 = as("carol", () -> service.submit(SpecJson.parse(spec(held("carol-1")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(a1.id()).status() == RunStatus.RUNNING);
        Run a2 = as("carol", () -> service.submit(SpecJson.parse(spec(held("carol-2")))));

        QueueSlot slot = service.queue().get(a2.id());
        assertThat(slot.position()).isEqualTo(1);
        assertThat(slot.waitingFor()).isEqualTo("carol has 1 run training, the most one user may have at once (1)");

        for (int i = 3; i <= 13; i++) {
            String name = held("carol-" + i);
            as("carol", () -> service.submit(SpecJson.parse(spec(name))));
        }
        assertThatThrownBy(() -> as("carol", () -> service.submit(SpecJson.parse(spec(held("carol-14"))))))
                .isInstanceOf(QueueFullException.class)
                .hasMessage("carol already has 12 runs waiting, the most one user may queue; submit more when some have started.");
        as("carol", () -> {
            service.list(0, 100).stream().filter(r -> !r.status().isFinal()).forEach(r -> service.cancel(r.id()));
            return null;
        });
    }

    @Test
    void an_administrator_moves_a_queued_run_to_the_front_and_it_starts_next() {
        Run gus = as("gus", () -> service.submit(SpecJson.parse(spec(held("gus-1")))));
        Run hal = as("hal", () -> service.submit(SpecJson.parse(spec(held("hal-1")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(gus.id()).status() == RunStatus.RUNNING
                && service.get(hal.id()).status() == RunStatus.RUNNING);
        Run jo = as("jo", () -> service.submit(SpecJson.parse(spec(held("jo-1")))));
        Run kim = as("kim", () -> service.submit(SpecJson.parse(spec(held("kim-1")))));
        assertThat(service.queue().get(kim.id()).position()).isEqualTo(2);

        assertThatThrownBy(() -> as("jo", () -> service.moveToFront(kim.id())))
                .isInstanceOf(com.seqplay.security.NotPermittedException.class);
        asAdmin(() -> service.moveToFront(kim.id()));
        assertThat(service.queue().get(kim.id()).position()).isEqualTo(1);
        assertThat(service.queue().get(jo.id()).position()).isEqualTo(2);

        launcher.trainer("gus-1").orElseThrow().release();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(kim.id()).status() == RunStatus.RUNNING);
        assertThat(service.get(jo.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThatThrownBy(() -> asAdmin(() -> service.moveToFront(kim.id()))).isInstanceOf(RunNotQueuedException.class)
                .hasMessage("Run " + kim.id() + " is RUNNING, not QUEUED: only a waiting run can be moved.");
        asAdmin(() -> {
            service.list(0, 100).stream().filter(r -> !r.status().isFinal()).forEach(r -> service.cancel(r.id()));
            return null;
        });
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> action) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("root", null, "ROLE_ADMIN"));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String held(String name) {
        launcher.script(name, TrainerScript.succeedingWhenReleased());
        return name;
    }

    private static <T> T as(String user, java.util.function.Supplier<T> action) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null, "ROLE_USER"));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String spec(String name) {
        return """
                {"name":"%s","task":"textgen","cell":"lstm","epochs":1}""".formatted(name);
    }
}
