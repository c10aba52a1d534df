package com.seqplay.blas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule of {@link NativeBlas} on made-up Debian trees in a temporary folder: links and files
 * as the packages lay them out, never what this machine has installed.
 */
class NativeBlasTest {
    @TempDir
    Path root;

    private Path lib() {
        return root.resolve("usr/lib/x86_64-linux-gnu");
    }

    private List<Path> candidates() {
        return NativeBlas.debianCandidates(root, "amd64");
    }

    /** A library file in {@code folder} with the {@code libopenblas.so.0} link beside it, as a package installs it. */
    private Path install(String folder, String fileName) throws IOException {
        Path dir = Files.createDirectories(lib().resolve(folder));
        Path file = Files.write(dir.resolve(fileName), new byte[] {0x7f, 'E', 'L', 'F'});
        Files.createSymbolicLink(dir.resolve("libopenblas.so.0"), Path.of(fileName));
        return file.toRealPath();
    }

    /** The alternatives system's chain: lib/libopenblas.so.0 -> /etc/alternatives/... -> the chosen build. */
    private void alternative(Path target) throws IOException {
        Path alternatives = Files.createDirectories(root.resolve("etc/alternatives"));
        Path link = Files.createSymbolicLink(alternatives.resolve("libopenblas.so.0-x86_64-linux-gnu"), target);
        Files.createSymbolicLink(lib().resolve("libopenblas.so.0"), link);
    }

    @Test
    void debians_three_places_for_each_architecture() {
        assertThat(NativeBlas.debianCandidates(root, "amd64")).containsExactly(
                root.resolve("usr/lib/x86_64-linux-gnu/libopenblas.so.0"),
                root.resolve("usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0"),
                root.resolve("usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0"));
        assertThat(NativeBlas.debianCandidates(root, "aarch64")).first()
                .isEqualTo(root.resolve("usr/lib/aarch64-linux-gnu/libopenblas.so.0"));
        assertThat(NativeBlas.debianCandidates(root, "ppc64le")).isEmpty();
    }

    @Test
    void auto_follows_the_alternatives_link_to_a_new_enough_library() throws IOException {
        Path pthread = install("openblas-pthread", "libopenblasp-r0.3.21.so");
        alternative(lib().resolve("openblas-pthread/libopenblas.so.0"));

        NativeBlas.Decision d = NativeBlas.decide(BlasChoice.AUTO, candidates());

        assertThat(d.library()).contains(pthread);
        assertThat(d.version()).contains(new OpenBlasVersion(0, 3, 21));
        assertThat(d.reason()).contains("0.3.21", pthread.toString());
    }

    @Test
    void auto_passes_over_an_old_library_to_a_newer_one_in_a_later_place() throws IOException {
        install("openblas-pthread", "libopenblasp-r0.3.20.so");
        Path openmp = install("openblas-openmp", "libopenblaso-r0.3.26.so");

        NativeBlas.Decision d = NativeBlas.decide(BlasChoice.AUTO, candidates());

        assertThat(d.library()).contains(openmp);
    }

    @Test
    void auto_keeps_the_bundled_library_when_the_system_one_is_too_old_and_says_why() throws IOException {
        install("openblas-pthread", "libopenblasp-r0.3.13.so");

        NativeBlas.Decision d = NativeBlas.decide(BlasChoice.AUTO, candidates());

        assertThat(d.system()).isFalse();
        assertThat(d.reason()).contains("0.3.13 is older than 0.3.21", "libopenblas.so.0: not found");
    }

    @Test
    void a_library_without_a_version_in_its_name_is_used_only_when_system_is_asked_for() throws IOException {
        Path unnamed = install("openblas-pthread", "libopenblas-custom.so");

        assertThat(NativeBlas.decide(BlasChoice.AUTO, candidates()).library()).isEmpty();
        assertThat(NativeBlas.decide(BlasChoice.AUTO, candidates()).reason()).contains("version unknown");
        NativeBlas.Decision system = NativeBlas.decide(BlasChoice.SYSTEM, candidates());
        assertThat(system.library()).contains(unnamed);
        assertThat(system.version()).isEmpty();
    }

    @Test
    void system_takes_an_old_library_too() throws IOException {
        Path old = install("openblas-openmp", "libopenblaso-r0.3.13.so");

        assertThat(NativeBlas.decide(BlasChoice.SYSTEM, candidates()).library()).contains(old);
    }

    @Test
    void a_dangling_link_or_a_link_to_a_folder_is_not_a_library() throws IOException {
        Files.createDirectories(lib().resolve("openblas-pthread"));
        Files.createSymbolicLink(lib().resolve("openblas-pthread/libopenblas.so.0"), Path.of("libopenblasp-r0.3.21.so"));
        Path folder = Files.createDirectories(lib().resolve("openblas-openmp/libopenblaso-r0.3.21.so"));
        Files.createSymbolicLink(lib().resolve("openblas-openmp/libopenblas.so.0"), folder.getFileName());

        NativeBlas.Decision d = NativeBlas.decide(BlasChoice.SYSTEM, candidates());

        assertThat(d.system()).isFalse();
        assertThat(d.reason()).contains("system was asked for", "pthread/libopenblas.so.0: not found", "is not a file");
    }

    @Test
    void system_without_any_library_runs_on_the_bundled_one() {
        NativeBlas.Decision d = NativeBlas.decide(BlasChoice.SYSTEM, candidates());
        assertThat(d.system()).isFalse();
        assertThat(d.reason()).startsWith("bundled OpenBLAS");
    }

    @Test
    void bundled_never_looks() throws IOException {
        install("openblas-pthread", "libopenblasp-r0.3.21.so");
        assertThat(NativeBlas.decide(BlasChoice.BUNDLED, candidates()).library()).isEmpty();
    }

    @Test
    void a_configured_file_replaces_debians_places() throws IOException {
        Path own = Files.write(root.resolve("libopenblas_zenp-r0.3.28.so"), new byte[] {1});
        install("openblas-pthread", "libopenblasp-r0.3.21.so");

        assertThat(NativeBlas.decide(BlasChoice.AUTO, NativeBlas.candidates(Optional.of(own))).library())
                .contains(own.toRealPath());
    }

    @Test
    void the_environment_preloads_the_system_library_first_and_keeps_other_preloads() throws IOException {
        Path pthread = install("openblas-pthread", "libopenblasp-r0.3.21.so");
        NativeBlas.Decision system = NativeBlas.decide(BlasChoice.AUTO, candidates());
        Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "/opt/libfoo.so /old/libopenblas.so.0"));

        system.applyTo(env);

        assertThat(env).containsEntry("LD_PRELOAD", pthread + ":/opt/libfoo.so");
        assertThat(system.matches(env.get("LD_PRELOAD"))).as("applying it again changes nothing").isTrue();
        assertThat(system.matches(null)).isFalse();
    }

    @Test
    void the_bundled_library_takes_any_openblas_out_of_an_inherited_preload() {
        NativeBlas.Decision bundled = NativeBlas.decide(BlasChoice.BUNDLED, List.of());
        Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0"));

        bundled.applyTo(env);

        assertThat(env).doesNotContainKey("LD_PRELOAD");
        assertThat(bundled.matches(null)).isTrue();
        assertThat(bundled.matches("/usr/lib/libopenblasp-r0.3.21.so")).isFalse();
        Map<String, String> other = new HashMap<>(Map.of("LD_PRELOAD", "/opt/libfoo.so:/x/libopenblasp-r0.3.21.so"));
        bundled.applyTo(other);
        assertThat(other).containsEntry("LD_PRELOAD", "/opt/libfoo.so");
    }

    @Test
    void versions_from_file_names_and_from_the_librarys_own_text() {
        assertThat(OpenBlasVersion.fromFileName("libopenblasp-r0.3.21.so")).contains(new OpenBlasVersion(0, 3, 21));
        assertThat(OpenBlasVersion.fromFileName("libopenblas_haswellp-r0.3.26.so")).contains(new OpenBlasVersion(0, 3, 26));
        assertThat(OpenBlasVersion.fromFileName("libopenblas-r0.2.so")).contains(new OpenBlasVersion(0, 2, 0));
        assertThat(OpenBlasVersion.fromFileName("libopenblas.so.0")).isEmpty();
        assertThat(OpenBlasVersion.fromFileName("libopenblasp-r0.3.21.so.bak")).isEmpty();
        assertThat(OpenBlasVersion.fromConfig(" OpenBLAS 0.3.19 ")).contains(new OpenBlasVersion(0, 3, 19));
        assertThat(OpenBlasVersion.fromConfig("OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen")).contains(
                new OpenBlasVersion(0, 3, 21));
        assertThat(new OpenBlasVersion(0, 3, 9)).isLessThan(new OpenBlasVersion(0, 3, 21));
        assertThat(new OpenBlasVersion(0, 4, 0)).isGreaterThan(new OpenBlasVersion(0, 3, 21));
    }

    @Test
    void choices_by_their_setting_names() {
        assertThat(BlasChoice.fromId("System")).contains(BlasChoice.SYSTEM);
        assertThat(BlasChoice.fromId(" auto ")).contains(BlasChoice.AUTO);
        assertThat(BlasChoice.fromId("mkl")).isEmpty();
    }
}
