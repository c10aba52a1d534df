package com.seqplay.engine.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named native scratch arrays that a layer or vertex keeps between calls (the fused recurrent
 * layers, the output layer, the translation model's attention vertex).
 *
 * <p>They live outside every workspace (DL4J resets workspaces between a layer's forward and
 * backward pass, and these must survive from one to the other) and are reused, so a training loop
 * allocates nothing per iteration. Each name has a buffer that only grows: an array of another
 * shape is a view of the buffer's start, so batches whose sequence length changes from one to the
 * next (translation batches do, every time) allocate nothing either; fresh native buffers cost
 * 5% of a translation training iteration when every change of length reallocated. Every array is
 * 'c' ordered, contiguous and starts its buffer, as {@link HostView} and {@link Gemm} require.
 * Holding them in this map also keeps them strongly referenced while BLAS works on raw pointers
 * into their memory.
 */
public final class NativeBuffers {

    /** A buffer and the last shape handed out from it. */
    private record Entry(INDArray buffer, INDArray array) {}

    private final Map<String, Entry> arrays = new HashMap<>();

    /** A [rows, cols] 'c'-ordered array under {@code name}; its contents are undefined. */
    public INDArray get(String name, DataType type, long rows, long cols) {
        Entry e = arrays.get(name);
        if (e != null && e.array().dataType() == type && e.array().rows() == rows && e.array().columns() == cols) {
            return e.array();
        }
        long length = rows * cols;
        boolean reusable = e != null && e.buffer().dataType() == type;
        INDArray buffer = reusable && e.buffer().length() >= length ? e.buffer()
                // some head room, so that slowly growing lengths do not reallocate every time
                : allocate(type, Math.max(length, reusable ? e.buffer().length() * 5 / 4 : 0));
        INDArray array = buffer.length() == length
                ? buffer.reshape('c', rows, cols)
                : buffer.get(interval(0, length)).reshape('c', rows, cols);
        if (!Gemm.isRowMajorFromStart(array)) {
            // a view ND4J could not make over the same memory: a buffer of exactly this size
            buffer = allocate(type, length);
            array = buffer.reshape('c', rows, cols);
        }
        arrays.put(name, new Entry(buffer, array));
        return array;
    }

    private static INDArray allocate(DataType type, long length) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(type, new long[]{Math.max(1, length)}, 'c');
        }
    }

    void clear() {
        arrays.clear();
    }
}
