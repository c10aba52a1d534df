package com.seqplay.engine.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between a contiguous ND4J array and a Java {@code double[]}.
 *
 * <p>The fused GRU moves one time step at a time (a few thousand numbers) between native
 * memory, where the matrix products run, and Java arrays, where the gate arithmetic runs.
 * An NIO view over the native buffer makes each move a single memcpy-like bulk get/put instead of
 * one call per element. Float arrays are widened to / narrowed from double, so the kernel has a
 * single (double) code path.
 *
 * <p>Only arrays that own their buffer from its start (offset 0, contiguous) are accepted.
 * The caller must keep {@code array} strongly referenced while the view is used: the view
 * points into its native memory, which the garbage collector may otherwise free.
 */
public final class HostView {

    /** No-ops on the CPU backend; on CUDA they would sync host and device copies (untested there). */
    private static final AffinityManager AFFINITY = Nd4j.getAffinityManager();

    private final INDArray array;
    private final DoubleBuffer doubles;
    private final FloatBuffer floats;
    private final int base;
    private float[] scratch = new float[0];

    public HostView(INDArray array) {
        if (!array.isR() || (array.dataType() != DataType.DOUBLE && array.dataType() != DataType.FLOAT)) {
            throw new IllegalArgumentException("HostView needs a FLOAT or DOUBLE array, got " + array.dataType());
        }
        if (array.length() != 0 && array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("HostView needs a contiguous array");
        }
        if (array.offset() != 0) {
            // Whether asNio* already accounts for a view's offset differs between buffer kinds; only
            // fresh arrays (offset 0) are used here, which keeps the index arithmetic unambiguous.
            throw new IllegalArgumentException("HostView needs an array that starts its buffer (offset 0)");
        }
        this.array = array;
        this.base = 0;
        if (array.dataType() == DataType.DOUBLE) {
            this.doubles = array.data().asNioDouble();
            this.floats = null;
        } else {
            this.doubles = null;
            this.floats = array.data().asNioFloat();
        }
    }

    INDArray array() {
        return array;
    }

    /** Copies {@code len} elements starting at linear (buffer-order) index {@code from} into dst[dstOff..]. */
    public void get(long from, double[] dst, int dstOff, int len) {
        AFFINITY.ensureLocation(array, AffinityManager.Location.HOST);
        int pos = base + Math.toIntExact(from);
        if (doubles != null) {
            doubles.position(pos);
            doubles.get(dst, dstOff, len);
        } else {
            float[] tmp = scratch(len);
            floats.position(pos);
            floats.get(tmp, 0, len);
            for (int i = 0; i < len; i++) {
                dst[dstOff + i] = tmp[i];
            }
        }
    }

    /** Copies src[srcOff..srcOff+len) to linear (buffer-order) index {@code to} onward. */
    public void put(long to, double[] src, int srcOff, int len) {
        int pos = base + Math.toIntExact(to);
        if (doubles != null) {
            doubles.position(pos);
            doubles.put(src, srcOff, len);
        } else {
            float[] tmp = scratch(len);
            for (int i = 0; i < len; i++) {
                tmp[i] = (float) src[srcOff + i];
            }
            floats.position(pos);
            floats.put(tmp, 0, len);
        }
        AFFINITY.tagLocation(array, AffinityManager.Location.HOST);
    }

    private float[] scratch(int len) {
        if (scratch.length < len) {
            scratch = new float[len];
        }
        return scratch;
    }
}
