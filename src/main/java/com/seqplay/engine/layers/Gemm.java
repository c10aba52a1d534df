package com.seqplay.engine.layers;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products between row blocks of {@link NativeBuffers} arrays: {@code C = op(A) op(B) + beta C},
 * all row-major.
 *
 * <p>On the CPU backend this calls OpenBLAS's {@code cblas_?gemm} directly on pointers into the
 * arrays, which skips ND4J's per-call argument checks and op set-up (measured here: about 20 us
 * of a 260 us step product, and a recurrent layer makes a few hundred such calls per iteration).
 * On other backends (CUDA) it falls back to {@code Nd4j.gemm} on views. Callers must keep the
 * arrays strongly referenced during the call: the pointers do not.
 */
final class Gemm {

    /** Whether the direct BLAS path is usable; tests may switch it off to compare both paths. */
    private static volatile boolean direct = detectDirect();

    private Gemm() {
    }

    private static boolean detectDirect() {
        try {
            if (!"CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName())) {
                return false;
            }
            Loader.load(openblas_nolapack.class);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    static void setDirect(boolean enabled) {
        direct = enabled && detectDirect();
    }

    /** True when products go straight to OpenBLAS (CPU backend), so that its threading is ours to set. */
    static boolean isDirect() {
        return direct;
    }

    /**
     * Makes OpenBLAS do every call on the calling thread alone, from now on, once our own threads
     * ({@link StepTeam}) make the calls side by side: left at its own count, OpenBLAS would spread
     * each call over the same cores again. Process-wide.
     */
    static void useSingleThreadedBlas() {
        if (direct && openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    /**
     * {@code rows} consecutive rows of a dense row-major 2D array (see {@link #isRowMajorFromStart}),
     * from {@code firstRow}, and of those rows the {@code cols} columns from {@code firstCol}; the
     * leading dimension stays the array's row length, so a column block needs no copy.
     */
    record Block(INDArray array, long firstRow, int rows, int firstCol, int cols) {
        static Block of(INDArray array) {
            return new Block(array, 0, Math.toIntExact(array.rows()), 0, Math.toIntExact(array.columns()));
        }

        static Block rows(INDArray array, long firstRow, int rows) {
            return new Block(array, firstRow, rows, 0, Math.toIntExact(array.columns()));
        }

        /** Columns [from, from + count) of this block. */
        Block columns(int from, int count) {
            return new Block(array, firstRow, rows, firstCol + from, count);
        }

        /** The block as a {@link StridedGemm.Matrix} over the array's memory. */
        StridedGemm.Matrix matrix() {
            checkOwned(array);
            return StridedGemm.Matrix.of(array).region(firstRow, rows, firstCol, cols);
        }
    }

    /** C = op(A) op(B) + beta C, where op transposes when asked (by {@link StridedGemm}, the one BLAS path). */
    static void multiply(Block a, boolean transA, Block b, boolean transB, Block c, double beta) {
        StridedGemm.multiply(a.matrix(), transA, b.matrix(), transB, c.matrix(), beta);
    }

    /**
     * The pointer arithmetic assumes the array's element (0, 0) is the start of its buffer and rows
     * follow each other densely; a reshaped view of a whole array (as {@link TimeMajor} makes) qualifies.
     */
    private static void checkOwned(INDArray array) {
        if (!isRowMajorFromStart(array)) {
            throw new IllegalArgumentException("direct gemm needs a dense row-major 2D array starting its buffer");
        }
    }

    static boolean isRowMajorFromStart(INDArray array) {
        return array.rank() == 2 && array.offset() == 0 && array.stride(1) == 1
                && (array.size(0) <= 1 || array.stride(0) == array.size(1))
                && array.data().length() >= array.length();
    }
}
