package com.seqplay.run.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.blas.BlasChoice;
import com.seqplay.config.SeqplayProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The server's component: made by Spring from the settings, and what it does to a child's environment. */
class ChildBlasTest {
    private static ChildBlas fromSpring(SeqplayProperties.Trainer trainer, Path data) {
        var properties = new SeqplayProperties(data, "local", null, trainer, new SeqplayProperties.Launch(false), null);
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(SeqplayProperties.class, () -> properties);
            context.register(ChildBlas.class);
            context.refresh();
            return context.getBean(ChildBlas.class);
        }
    }

    @Test
    void a_configured_library_is_preloaded_into_the_child(@TempDir Path dir) throws Exception {
        Path library = Files.write(dir.resolve("libopenblasp-r0.3.30.so"), new byte[] {1});
        ChildBlas blas = fromSpring(new SeqplayProperties.Trainer(512, 1024, 1, "", BlasChoice.AUTO, library), dir);
        Map<String, String> env = new HashMap<>();

        blas.applyTo(env);

        assertThat(env).containsEntry("LD_PRELOAD", library.toRealPath().toString());
    }

    @Test
    void system_with_a_missing_library_leaves_the_child_on_the_bundled_one(@TempDir Path dir) {
        ChildBlas blas = fromSpring(new SeqplayProperties.Trainer(512, 1024, 1, "", BlasChoice.SYSTEM,
                dir.resolve("nowhere/libopenblas.so.0")), dir);
        Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0"));

        blas.applyTo(env);

        assertThat(env).doesNotContainKey("LD_PRELOAD");
        assertThat(blas.decision().reason()).contains("system was asked for", "nowhere/libopenblas.so.0: not found");
    }
}
