package com.seqplay.engine.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The memory layout our sequence layers exchange: a DL4J sequence array [B, C, T] (NCW) whose memory
 * is ordered (t, b, c), i.e. a permuted view of a 'c'-ordered [T, B, C] array.
 *
 * <p>Why: the fused layers work on rows (t, b), one row of C values per example and step, so that
 * one time step is a contiguous [B][C] block and all steps together a [T*B, C] matrix for a single
 * BLAS product. DL4J's default 'c' or 'f' [B, C, T] arrays need a strided copy (a permute) to get
 * there, and such copies took about a fifth of a training iteration. When one of our layers feeds
 * another, the array passes through as it is; DL4J's own layers read it like any other strided
 * array.
 */
public final class TimeMajor {

    private TimeMajor() {
    }

    /** A new [B, C, T] array with (t, b, c) memory order, allocated by the workspace manager. */
    public static INDArray create(LayerWorkspaceMgr mgr, ArrayType type, DataType dataType, long batch, long channels,
                           long steps) {
        INDArray base = mgr.createUninitialized(type, dataType, new long[]{steps, batch, channels}, 'c');
        return base.permute(1, 2, 0);
    }

    /**
     * The [T*B, C] row matrix over the same memory, if {@code ncw} ([B, C, T]) has (t, b, c) memory
     * order from the start of its buffer; null otherwise (then the caller copies).
     */
    public static INDArray rowsOrNull(INDArray ncw) {
        if (ncw.rank() != 3 || ncw.offset() != 0) {
            return null;
        }
        long b = ncw.size(0);
        long c = ncw.size(1);
        long t = ncw.size(2);
        boolean timeMajor = ncw.stride(1) == 1 && (b <= 1 || ncw.stride(0) == c) && (t <= 1 || ncw.stride(2) == b * c);
        if (!timeMajor || ncw.data().length() < ncw.length()) {
            return null;
        }
        INDArray rows = ncw.permute(2, 0, 1).reshape('c', t * b, c);
        // reshape may copy when it cannot view; only a view over the same memory is wanted here
        boolean sameMemory = rows.data().address() == ncw.data().address();
        return sameMemory && Gemm.isRowMajorFromStart(rows) ? rows : null;
    }

    /** {@code ncw} as [T*B, C] rows: the same memory when possible, else copied into {@code scratch}. */
    public static INDArray rows(INDArray ncw, INDArray scratch) {
        INDArray rows = rowsOrNull(ncw);
        if (rows != null) {
            return rows;
        }
        scratch.reshape('c', ncw.size(2), ncw.size(0), ncw.size(1)).assign(ncw.permute(2, 0, 1));
        return scratch;
    }
}
