package com.seqplay.blas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which OpenBLAS a process runs on, read from lines as {@code /proc/self/maps} has them. */
class BlasInUseTest {
    private static final Optional<OpenBlasVersion> BUNDLED = Optional.of(new OpenBlasVersion(0, 3, 19));
    private static final String CACHE = "/root/.javacpp/cache/openblas-0.3.19-1.5.7-linux-x86_64.jar/org/bytedeco/"
            + "openblas/linux-x86_64/libopenblas_nolapack.so.0";

    private static String line(long start, long end, String perms, String file) {
        return String.format("%x-%x %s 00000000 fe:00 1234                       %s", start, end, perms, file);
    }

    @Test
    void the_bundled_library_answers_when_nothing_is_preloaded() {
        List<String> maps = List.of(line(0x7f0000000000L, 0x7f0000100000L, "r-xp", CACHE),
                line(0x7f0000200000L, 0x7f0000300000L, "r-xp", "/usr/lib/jvm/lib/libjvm.so"));

        BlasInUse blas = BlasInUse.from(maps, null, OptionalLong.of(0x7f0000000800L), BUNDLED);

        assertThat(blas.source()).isEqualTo(BlasInUse.Source.BUNDLED);
        assertThat(blas.describe()).isEqualTo("OpenBLAS 0.3.19 (bundled)");
        assertThat(blas.token()).isEqualTo("bundled-0.3.19");
    }

    @Test
    void a_preloaded_library_that_holds_sgemm_is_the_system_one(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("libopenblasp-r0.3.21.so"), new byte[] {1});
        Path link = Files.createSymbolicLink(dir.resolve("libopenblas.so.0"), file.getFileName());
        List<String> maps = List.of(line(0x7f0000000000L, 0x7f0000100000L, "r-xp", CACHE),
                line(0x7fff00000000L, 0x7fff00100000L, "r-xp", file.toRealPath().toString()));

        BlasInUse blas = BlasInUse.from(maps, link.toString(), OptionalLong.of(0x7fff00000010L), BUNDLED);

        assertThat(blas.source()).isEqualTo(BlasInUse.Source.SYSTEM);
        assertThat(blas.describe()).isEqualTo("OpenBLAS 0.3.21 (system, " + file.toRealPath() + ")");
        assertThat(blas.token()).isEqualTo("system-0.3.21");
    }

    @Test
    void a_preload_that_did_not_win_the_lookup_is_not_reported() {
        List<String> maps = List.of(line(0x7f0000000000L, 0x7f0000100000L, "r-xp", CACHE),
                line(0x7fff00000000L, 0x7fff00100000L, "r-xp", "/usr/lib/libopenblasp-r0.3.21.so"));

        BlasInUse blas = BlasInUse.from(maps, "/usr/lib/libopenblasp-r0.3.21.so", OptionalLong.of(0x7f0000000010L),
                BUNDLED);

        assertThat(blas.source()).isEqualTo(BlasInUse.Source.BUNDLED);
    }

    @Test
    void unknown_without_an_address_or_when_another_blas_answers() {
        assertThat(BlasInUse.from(List.of(), null, OptionalLong.empty(), BUNDLED).describe()).isEqualTo("BLAS unknown");
        List<String> maps = List.of(line(0x1000, 0x2000, "r-xp", "/opt/intel/libmkl_rt.so.2"));
        BlasInUse mkl = BlasInUse.from(maps, "/opt/intel/libmkl_rt.so.2", OptionalLong.of(0x1800), BUNDLED);
        assertThat(mkl.describe()).isEqualTo("BLAS /opt/intel/libmkl_rt.so.2");
        assertThat(mkl.token()).isEqualTo("unknown");
    }

    @Test
    void addresses_in_the_upper_half_compare_unsigned() {
        assertThat(BlasInUse.mappedFileAt(List.of(line(0xffffffffff600000L, 0xffffffffff601000L, "--xp", "/x/libopenblas.so")),
                0xffffffffff600010L)).contains(Path.of("/x/libopenblas.so"));
    }

    @Test
    void a_very_long_path_keeps_its_end() {
        String file = "/" + "d".repeat(990) + "/libopenblasp-r0.3.21.so";
        BlasInUse blas = new BlasInUse(BlasInUse.Source.SYSTEM, Optional.of(new OpenBlasVersion(0, 3, 21)),
                Optional.of(Path.of(file)));
        assertThat(blas.describe()).hasSizeLessThan(400).endsWith("/libopenblasp-r0.3.21.so)");
    }
}
