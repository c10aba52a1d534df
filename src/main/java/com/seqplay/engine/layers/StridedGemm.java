package com.seqplay.engine.layers;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major matrix products {@code C = op(A) op(B) + beta C} on matrices that lie anywhere in an
 * array's memory with any row distance, for engine packages outside this one.
 *
 * <p>Unlike {@link Gemm}, whose operands start their buffer and have rows of the array's width, a
 * {@link Matrix} here has an element offset and a leading dimension of its own. That covers views
 * into a flat parameter array (a weight matrix at a non-zero offset) and one sequence's rows inside
 * a time-major [T*B, C] matrix (rows {@code t*B + b}: start {@code b*C}, leading dimension
 * {@code B*C}), so neither needs a copy. On the CPU backend each product is one call to OpenBLAS's
 * {@code cblas_?gemm}; elsewhere it goes to {@code Nd4j.gemm} on equivalent views. Callers keep the
 * arrays referenced during the call (the pointers do not).
 */
public final class StridedGemm {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private StridedGemm() {
    }

    /**
     * {@code rows} x {@code cols} elements of an array's memory, row-major: element (i, j) is element
     * {@code offset + i * ld + j} counted in memory order from the array's first element (index 0 of
     * a view, not of the buffer it views). Made from a whole 2D array ({@link #of}), then narrowed to
     * parts of it; the address of the array's memory is looked up once, by {@link #of}.
     */
    public static final class Matrix {
        private final INDArray array;
        /** The array's first element, or null where products go through ND4J. */
        private final Pointer base;
        /** Elements in the array's memory from its first element on. */
        private final long capacity;
        private final long offset;
        private final int rows;
        private final int cols;
        private final int ld;

        private Matrix(INDArray array, Pointer base, long capacity, long offset, int rows, int cols, int ld) {
            if (rows < 0 || cols < 0 || offset < 0 || (rows > 1 && ld < cols)) {
                throw new IllegalArgumentException("bad matrix: " + rows + "x" + cols + " at " + offset + ", ld " + ld);
            }
            long end = rows == 0 || cols == 0 ? offset : offset + (long) (rows - 1) * ld + cols;
            if (end > capacity) {
                throw new IllegalArgumentException("matrix " + rows + "x" + cols + " at " + offset + ", ld " + ld
                        + " runs past its array's " + capacity + " elements");
            }
            this.array = array;
            this.base = base;
            this.capacity = capacity;
            this.offset = offset;
            this.rows = rows;
            this.cols = cols;
            this.ld = ld;
        }

        /** A whole 2D array whose rows are dense ({@code stride(1) == 1}), e.g. a reshaped parameter view. */
        public static Matrix of(INDArray array) {
            if (array.rank() != 2 || (array.size(1) > 1 && array.stride(1) != 1)
                    || (array.size(0) > 1 && array.stride(0) < array.size(1))) {
                throw new IllegalArgumentException("a row-major 2D array with dense rows is needed, got shape "
                        + Arrays.toString(array.shape()) + " strides " + Arrays.toString(array.stride()));
            }
            int cols = Math.toIntExact(array.size(1));
            int ld = array.size(0) > 1 ? Math.toIntExact(array.stride(0)) : cols;
            DataBuffer data = array.data();
            // For a view (a weight matrix inside the flat parameter array) ND4J's view buffer already
            // starts at the view's offset, so its address is the array's first element.
            Pointer base = Gemm.isDirect() ? data.addressPointer() : null;
            return new Matrix(array, base, data.length(), 0, Math.toIntExact(array.size(0)), cols, ld);
        }

        /**
         * Entry {@code b}'s rows of a time-major matrix whose row {@code t * batch + b} is step t of
         * entry b: {@code rows / batch} rows, {@code batch} rows apart.
         */
        public Matrix sequence(int b, int batch) {
            if (rows % batch != 0 || b < 0 || b >= batch) {
                throw new IllegalArgumentException("entry " + b + " of " + batch + " in " + rows + " rows");
            }
            return new Matrix(array, base, capacity, offset + (long) b * ld, rows / batch, cols, ld * batch);
        }

        /** Rows {@code [firstRow, firstRow + rows)} and of those the columns {@code [firstCol, firstCol + cols)}. */
        public Matrix region(long firstRow, int rows, int firstCol, int cols) {
            return new Matrix(array, base, capacity, offset + firstRow * ld + firstCol, rows, cols, ld);
        }

        /** Block {@code i} of {@code count} consecutive blocks of {@code rows / count} rows each. */
        public Matrix block(int i, int count) {
            if (rows % count != 0 || i < 0 || i >= count) {
                throw new IllegalArgumentException("block " + i + " of " + count + " in " + rows + " rows");
            }
            int each = rows / count;
            return new Matrix(array, base, capacity, offset + (long) i * each * ld, each, cols, ld);
        }

        public int rows() {
            return rows;
        }

        public int cols() {
            return cols;
        }

        INDArray view() {
            return Nd4j.create(array.data(), new long[]{rows, cols}, new long[]{ld, 1}, offset, 'c');
        }
    }

    /** C = op(A) op(B) + beta C, where op transposes when asked. */
    public static void multiply(Matrix a, boolean transA, Matrix b, boolean transB, Matrix c, double beta) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        int kb = transB ? b.cols() : b.rows();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes do not match: A " + a.rows() + "x" + a.cols()
                    + (transA ? "^T" : "") + ", B " + b.rows() + "x" + b.cols() + (transB ? "^T" : "")
                    + ", C " + c.rows() + "x" + c.cols());
        }
        DataType type = c.array.dataType();
        if (a.array.dataType() != type || b.array.dataType() != type) {
            throw new IllegalArgumentException("gemm operands of different types: " + a.array.dataType() + ", "
                    + b.array.dataType() + ", " + type);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            c.view().muli(beta);
        } else if (c.base != null && a.base != null && b.base != null) {
            blas(a, transA, b, transB, c, m, n, k, beta, type);
        } else {
            Nd4j.gemm(a.view(), b.view(), c.view(), transA, transB, 1.0, beta);
        }
    }

    private static void blas(Matrix a, boolean transA, Matrix b, boolean transB, Matrix c, int m, int n, int k,
                             double beta, DataType type) {
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, 1f,
                    floats(a), ld(a), floats(b), ld(b), (float) beta, floats(c), ld(c));
        } else if (type == DataType.DOUBLE) {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, 1.0,
                    doubles(a), ld(a), doubles(b), ld(b), beta, doubles(c), ld(c));
        } else {
            throw new IllegalArgumentException("matrix products support FLOAT and DOUBLE, not " + type);
        }
    }

    /** BLAS wants ld >= cols even for a single row, where the distance is never used. */
    private static int ld(Matrix matrix) {
        return Math.max(matrix.ld, Math.max(1, matrix.cols));
    }

    private static FloatPointer floats(Matrix matrix) {
        return new FloatPointer(matrix.base).position(matrix.base.position() + matrix.offset);
    }

    private static DoublePointer doubles(Matrix matrix) {
        return new DoublePointer(matrix.base).position(matrix.base.position() + matrix.offset);
    }
}
