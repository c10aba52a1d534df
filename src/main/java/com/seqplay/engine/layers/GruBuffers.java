package com.seqplay.engine.layers;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named native scratch arrays that a GRU layer keeps between calls.
 *
 * <p>They are created outside any workspace (DL4J resets its workspaces between the forward and
 * the backward pass of other layers, and these arrays must survive from a training forward pass
 * to the backward pass) and reused while the shape stays the same, so a training loop allocates
 * nothing per iteration. All arrays are 'c' ordered, contiguous and start at offset 0, as
 * {@link HostView} requires.
 */
final class GruBuffers {

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
