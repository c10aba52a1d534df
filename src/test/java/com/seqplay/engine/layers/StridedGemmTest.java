package com.seqplay.engine.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import com.seqplay.engine.layers.StridedGemm.Matrix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link StridedGemm} multiplies matrices that start inside their buffer (views into a flat parameter
 * array) and per-sentence rows of time-major matrices, through BLAS and through ND4J alike, and
 * matches ND4J's own product.
 */
class StridedGemmTest {

    @AfterEach
    void restoreDirect() {
        Gemm.setDirect(true);
    }

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 1e-4;
    }

    @ParameterizedTest(name = "{0}, direct BLAS {1}")
    @CsvSource({"FLOAT, true", "FLOAT, false", "DOUBLE, true", "DOUBLE, false"})
    void weight_views_at_an_offset_multiply_as_their_copies(DataType type, boolean direct) {
        Gemm.setDirect(direct);
        Nd4j.getRandom().setSeed(1);
        // like a vertex's parameters: [1, 60] flat, W1 = elements 0..11 as [3, 4], W2 = 12..31 as [4, 5]
        INDArray flat = Nd4j.randn(type, 1, 60);
        INDArray w1 = flat.get(all(), interval(0, 12)).reshape(3, 4);
        INDArray w2 = flat.get(all(), interval(12, 32)).reshape(4, 5);
        INDArray gradientFlat = Nd4j.zeros(type, 1, 60);
        INDArray target = gradientFlat.get(all(), interval(40, 55)).reshape(3, 5);
        assertThat(w2.offset()).as("a view that does not start its buffer").isEqualTo(12);

        StridedGemm.multiply(Matrix.of(w1), false, Matrix.of(w2), false, Matrix.of(target), 0.0);

        INDArray expected = w1.dup().mmul(w2.dup());
        assertThat(target.sub(expected).amaxNumber().doubleValue()).isLessThan(tolerance(type));
        assertThat(gradientFlat.get(all(), interval(0, 40)).amaxNumber().doubleValue()).as("before the target").isZero();
        assertThat(gradientFlat.get(all(), interval(55, 60)).amaxNumber().doubleValue()).as("after the target").isZero();
    }

    @ParameterizedTest(name = "{0}, direct BLAS {1}")
    @CsvSource({"FLOAT, true", "FLOAT, false", "DOUBLE, true", "DOUBLE, false"})
    void sentence_rows_of_time_major_matrices_multiply_sentence_by_sentence(DataType type, boolean direct) {
        Gemm.setDirect(direct);
        Nd4j.getRandom().setSeed(2);
        int batch = 3;
        int tq = 4;
        int ts = 5;
        int width = 6;
        INDArray queries = Nd4j.randn(type, tq * batch, width); // row t * batch + b
        INDArray keys = Nd4j.randn(type, ts * batch, width);
        INDArray scores = Nd4j.create(type, batch * tq, ts).addi(7.0); // block b: sentence b's [tq, ts]
        INDArray perSentence = Nd4j.create(type, batch * width, ts); // block b: sentence b's [width, ts]

        for (int b = 0; b < batch; b++) {
            StridedGemm.multiply(Matrix.of(queries).sequence(b, batch), false, Matrix.of(keys).sequence(b, batch), true,
                    Matrix.of(scores).block(b, batch), 0.0);
            StridedGemm.multiply(Matrix.of(queries).sequence(b, batch), true, Matrix.of(scores).block(b, batch), false,
                    Matrix.of(perSentence).block(b, batch), 0.0);
        }

        for (int b = 0; b < batch; b++) {
            INDArray q = queries.reshape(tq, batch, width).get(all(), interval(b, b + 1), all()).reshape(tq, width);
            INDArray k = keys.reshape(ts, batch, width).get(all(), interval(b, b + 1), all()).reshape(ts, width);
            INDArray s = scores.get(interval(b * tq, (b + 1) * tq), all());
            assertThat(s.sub(q.mmul(k.transpose())).amaxNumber().doubleValue()).as("scores of sentence " + b)
                    .isLessThan(tolerance(type) * 10);
            INDArray t = perSentence.get(interval(b * width, (b + 1) * width), all());
            assertThat(t.sub(q.transpose().mmul(s)).amaxNumber().doubleValue()).as("q^T s of sentence " + b)
                    .isLessThan(tolerance(type) * 100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT", "DOUBLE"})
    void beta_adds_to_what_the_target_holds(DataType type) {
        INDArray a = Nd4j.ones(type, 2, 3);
        INDArray b = Nd4j.ones(type, 3, 2);
        INDArray c = Nd4j.ones(type, 2, 2);
        StridedGemm.multiply(Matrix.of(a), false, Matrix.of(b), false, Matrix.of(c), 1.0);
        assertThat(c.toDoubleMatrix()).isEqualTo(new double[][] {{4, 4}, {4, 4}});
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT"})
    void mismatched_shapes_and_matrices_past_their_array_are_refused(DataType type) {
        INDArray a = Nd4j.ones(type, 2, 3);
        assertThatThrownBy(() -> StridedGemm.multiply(Matrix.of(a), false, Matrix.of(a), false, Matrix.of(a), 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shapes do not match");
        assertThatThrownBy(() -> Matrix.of(a).sequence(0, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matrix.of(a.transpose()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense rows");
    }
}
