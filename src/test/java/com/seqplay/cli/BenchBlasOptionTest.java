package com.seqplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bench --blas}: a wrong choice is named, and each result line says which OpenBLAS it ran on. */
class BenchBlasOptionTest {
    private record Ran(int code, String out, String err) {}

    private static Ran bench(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = SeqplayCommand.execute(args);
            return new Ran(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void an_unknown_choice_is_named() {
        Ran ran = bench("bench", "--blas", "mkl");
        assertThat(ran.code()).isEqualTo(2);
        assertThat(ran.err()).contains("--blas: unknown choice 'mkl': use bundled, system or auto");
    }

    @Test
    void the_result_line_ends_with_the_openblas_it_ran_on() {
        // bundled: this test JVM preloads nothing, so with one OpenMP thread it measures in-process
        Ran ran = bench("bench", "--blas", "bundled", "--cell", "rnn", "--threads", "1", "--vocab", "10",
                "--layers", "1", "--hidden", "8", "--length", "5", "--batch", "2", "--warmup", "1", "--iterations", "1");
        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.out().strip()).matches("cell=rnn threads=1 chars_per_s=\\d+ blas=bundled-0\\.3\\.\\d+");
        assertThat(ran.err()).contains("OpenBLAS (--blas bundled): bundled OpenBLAS, as configured");
    }
}
