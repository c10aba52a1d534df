package com.seqplay.engine.translation;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named native arrays that a vertex reuses from one call to the next.
 *
 * <p>Each name owns one buffer, allocated outside every workspace (its contents must survive from a
 * forward to the backward pass, and DL4J resets workspaces in between) and replaced only when a call
 * needs more room or another data type. Batches of different lengths (the translation trainer
 * buckets sentences by length) then reuse the same memory instead of allocating a fresh buffer per
 * product, which native allocation made measurable. A matrix handed out is a 'c'-ordered view of the
 * start of its buffer; it stays valid until the next request under the same name.
 */
final class ScratchArrays {
    private final Map<String, INDArray> buffers = new HashMap<>();

    /** A [rows, cols] matrix over the start of buffer {@code name}; its contents are undefined. */
    INDArray matrix(String name, DataType type, long rows, long cols) {
        long length = rows * cols;
        INDArray buffer = buffers.get(name);
        if (buffer == null || buffer.dataType() != type || buffer.length() < length) {
            // some head room, so that slowly growing lengths do not reallocate at every step
            long capacity = Math.max(length, buffer == null || buffer.dataType() != type ? 0 : buffer.length() * 5 / 4);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createUninitialized(type, new long[]{Math.max(1, capacity)}, 'c');
            }
            buffers.put(name, buffer);
        }
        return Nd4j.create(buffer.data(), new long[]{rows, cols}, new long[]{cols, 1}, 0, 'c');
    }
}
