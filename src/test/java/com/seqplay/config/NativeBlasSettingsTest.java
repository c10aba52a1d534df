package com.seqplay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.blas.BlasChoice;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code seqplay.trainer.blas} and {@code seqplay.trainer.blas-library} as Spring binds them. */
class NativeBlasSettingsTest {
    private static SeqplayProperties.Trainer bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("seqplay", SeqplayProperties.class).trainer();
    }

    @Test
    void auto_and_debians_places_by_default() {
        SeqplayProperties.Trainer trainer = bind(Map.of());
        assertThat(trainer.blas()).isEqualTo(BlasChoice.AUTO);
        assertThat(trainer.blasLibrary()).isNull();
        assertThat(trainer.ompThreads()).isEqualTo(1);
    }

    @Test
    void lower_case_choices_and_a_library_file() {
        SeqplayProperties.Trainer trainer = bind(Map.of("seqplay.trainer.blas", "system",
                "seqplay.trainer.blas-library", "/opt/openblas/lib/libopenblas.so.0"));
        assertThat(trainer.blas()).isEqualTo(BlasChoice.SYSTEM);
        assertThat(trainer.blasLibrary()).isEqualTo(Path.of("/opt/openblas/lib/libopenblas.so.0"));
    }

    @Test
    void an_unknown_choice_names_the_setting() {
        assertThatThrownBy(() -> bind(Map.of("seqplay.trainer.blas", "mkl")))
                .isInstanceOf(BindException.class).hasMessageContaining("seqplay.trainer.blas");
    }

    @Test
    void the_short_constructor_keeps_the_default_choice() {
        assertThat(new SeqplayProperties.Trainer(512, 1024, 1, "").blas()).isEqualTo(BlasChoice.AUTO);
    }
}
