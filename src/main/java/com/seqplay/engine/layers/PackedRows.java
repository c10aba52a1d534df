package com.seqplay.engine.layers;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The busy rows of every step ({@link FusedRecurrentImpl#busyRows}) of a [T·B, n] row array,
 * copied one after another into another array of the same width. The weight gradients of a
 * recurrent layer are sums over all steps' rows; idle rows add zeros, so where a batch holds
 * much padding, a product over the packed rows gives the same sums for less arithmetic (the
 * rows of each step are consecutive, so packing is one memory copy per step and array).
 * Both arrays must be dense, row-major and start their buffers (see {@link Gemm#isRowMajorFromStart}).
 */
final class PackedRows {

    private PackedRows() {
    }

    /** Number of rows the busy rows of steps {@code [firstStep, T)} make. */
    static int count(int[] busyRows, int firstStep) {
        int rows = 0;
        for (int t = firstStep; t < busyRows.length; t++) {
            rows += busyRows[t];
        }
        return rows;
    }

    /** Copies rows {@code [t·batch, t·batch + busyRows[t])} of {@code src}, t from {@code firstStep}, to the top of {@code dst}. */
    static void pack(INDArray src, INDArray dst, int[] busyRows, int firstStep, int batch) {
        long cols = src.columns();
        if (dst.columns() != cols || !Gemm.isRowMajorFromStart(src) || !Gemm.isRowMajorFromStart(dst)) {
            throw new IllegalArgumentException("packing needs two dense row-major arrays of the same width");
        }
        long bytes = src.data().getElementSize();
        long to = 0;
        for (int t = firstStep; t < busyRows.length; t++) {
            long rows = busyRows[t];
            if (rows > 0) {
                Pointer.memcpy(at(dst, to * cols), at(src, (long) t * batch * cols), rows * cols * bytes);
                to += rows;
            }
        }
    }

    /**
     * A pointer to element {@code element} of the array with position 0: {@link Pointer#memcpy}
     * adds a pointer's position as bytes, whatever its element type.
     */
    private static Pointer at(INDArray array, long element) {
        Pointer base = array.data().addressPointer();
        if (base instanceof FloatPointer f) {
            return f.getPointer(element).position(0);
        }
        if (base instanceof DoublePointer d) {
            return d.getPointer(element).position(0);
        }
        throw new IllegalArgumentException("packing supports FLOAT and DOUBLE arrays, not " + array.dataType());
    }
}
