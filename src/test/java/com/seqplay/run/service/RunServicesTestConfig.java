package com.seqplay.run.service;

import com.seqplay.config.LimitProperties;
import com.seqplay.config.QueueProperties;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.security.CurrentUser;
import com.seqplay.security.Ownership;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run services as the application wires them, on the real H2 file database in a temporary
 * data folder, with {@link FakeTrainerLauncher} where the application has its process launcher.
 * No Spring Boot auto-configuration, web server or Vaadin: the context starts in about a second.
 */
@TestConfiguration // not @Configuration: a full application test must not pick it up by scanning
@Import({RunService.class, RunScheduler.class, RunRecorder.class, RunUpdates.class, RunRecovery.class,
        RunRepository.class, MetricRepository.class, SampleRepository.class, CurrentUser.class, RunCaps.class,
        Ownership.class, FairQueue.class, RunWatchdog.class, RunResumption.class})
@ComponentScan(basePackages = {"com.seqplay.upload.service", "com.seqplay.run.history"})
class RunServicesTestConfig {
    /** Two at a time, so that one test sees both the limit and the queue behind it. */
    static final int MAX_CONCURRENT = 2;

    @Bean(destroyMethod = "delete")
    TempDataDir dataDir() throws IOException {
        return new TempDataDir(Files.createTempDirectory("seqplay-run-services"));
    }

    @Bean
    SeqplayProperties properties(TempDataDir dir) {
        return new SeqplayProperties(dir.path(), "local", new SeqplayProperties.Runs(MAX_CONCURRENT),
                new SeqplayProperties.Trainer(1024, 2048, 1, ""), new SeqplayProperties.Launch(false),
                new SeqplayProperties.Inference(512, 1024, java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofMinutes(10)));
    }

    /** The application's limits; a test that needs others overrides this bean by its name. */
    @Bean
    LimitProperties limits() {
        return LimitProperties.defaults();
    }

    @Bean
    QueueProperties queueSettings() {
        return QueueProperties.defaults();
    }

    /** The application's URL settings (immediate writes), on the temporary folder. */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(SeqplayProperties properties) {
        var ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:h2:file:" + properties.dataDir().resolve("db/seqplay").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        ds.setUsername("sa");
        ds.setPassword("");
        return ds;
    }

    @Bean(initMethod = "migrate")
    Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    /** Takes the migrated Flyway so that no repository touches the database before its tables exist. */
    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource, Flyway migrated) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jdbcClient(JdbcTemplate jdbcTemplate) {
        return JdbcClient.create(jdbcTemplate);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FakeTrainerLauncher launcher() {
        return new FakeTrainerLauncher();
    }

    /** A data folder that is removed with the context. */
    record TempDataDir(Path path) {
        void delete() throws IOException {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
