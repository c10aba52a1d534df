package com.seqplay.engine.layers;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named native scratch arrays that a fused recurrent layer keeps between calls.
 *
 * <p>They live outside every workspace (DL4J resets workspaces between a layer's forward and
 * backward pass, and these must survive from one to the other) and are reused while the shape
 * stays the same, so a training loop allocates nothing per iteration. Every array is 'c' ordered,
 * contiguous and owns its buffer from offset 0, as {@link HostView} and {@link Gemm} require.
 * Holding them in this map also keeps them strongly referenced while BLAS works on raw pointers
 * into their memory.
 */
final class NativeBuffers {

    private final Map<String, INDArray> arrays = new HashMap<>();

    INDArray get(String name, DataType type, long rows, long cols) {
        INDArray a = arrays.get(name);
        if (a == null || a.dataType() != type || a.rows() != rows || a.columns() != cols) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                a = Nd4j.createUninitialized(type, new long[]{rows, cols}, 'c');
            }
            arrays.put(name, a);
        }
        return a;
    }

    void clear() {
        arrays.clear();
    }
}
