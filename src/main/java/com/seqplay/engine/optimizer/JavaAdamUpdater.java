package com.seqplay.engine.optimizer;

import com.seqplay.engine.layers.ElementWork;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam's step as libnd4j computes it (bias corrections folded into the step size, epsilon added
 * to the root of v), as one loop over the gradient, m and v in native memory:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g²
 *   g = alpha m / (sqrt(v) + epsilon),   alpha = lr sqrt(1 - beta2^(t+1)) / (1 - beta1^(t+1))
 * </pre>
 *
 * Arrays it cannot walk as one dense run (another element stride, other data types, a backend
 * whose memory is not the host's) go to DL4J's op, which computes the same.
 */
public class JavaAdamUpdater extends AdamUpdater {
    /** Updates done by the Java loop, process-wide (read by tests: the fallback must not hide it). */
    private static final java.util.concurrent.atomic.AtomicLong JAVA_STEPS = new java.util.concurrent.atomic.AtomicLong();
    /** Arrays live in host memory (the CPU backend): checked once, not at every update. */
    private static final boolean HOST_MEMORY = "CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName());

    public JavaAdamUpdater(Adam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null) {
            throw new IllegalStateException("Adam's state was not set up before its first update");
        }
        long n = gradient.length();
        if (!walkable(gradient, n) || !walkable(m, n) || !walkable(v, n)
                || gradient.dataType() != m.dataType() || m.dataType() != v.dataType()) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        Adam config = getConfig();
        double beta1 = config.getBeta1();
        double beta2 = config.getBeta2();
        double epsilon = config.getEpsilon();
        double lr = config.getLearningRate(iteration, epoch);
        double alpha = lr * Math.sqrt(1.0 - Math.pow(beta2, iteration + 1)) / (1.0 - Math.pow(beta1, iteration + 1));
        if (Double.isNaN(alpha) || Double.isInfinite(alpha) || alpha == 0.0) {
            alpha = epsilon; // as libnd4j does
        }
        int count = Math.toIntExact(n);
        JAVA_STEPS.incrementAndGet();
        // shared between threads when a StepTeam is configured (absolute get/put: no shared position)
        if (gradient.dataType() == DataType.FLOAT) {
            FloatBuffer g = floats(gradient, count);
            FloatBuffer fm = floats(m, count);
            FloatBuffer fv = floats(v, count);
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float eps = (float) epsilon;
            float a = (float) alpha;
            ElementWork.split(count, (from, to) -> step(g, fm, fv, from, to, b1, b2, eps, a));
        } else {
            DoubleBuffer g = doubles(gradient, count);
            DoubleBuffer dm = doubles(m, count);
            DoubleBuffer dv = doubles(v, count);
            double a = alpha;
            ElementWork.split(count, (from, to) -> step(g, dm, dv, from, to, beta1, beta2, epsilon, a));
        }
    }

    static long javaSteps() {
        return JAVA_STEPS.get();
    }

    private static void step(FloatBuffer g, FloatBuffer m, FloatBuffer v, int from, int to,
                             float beta1, float beta2, float epsilon, float alpha) {
        for (int i = from; i < to; i++) {
            float gi = g.get(i);
            float mi = beta1 * m.get(i) + gi * (1f - beta1);
            float vi = beta2 * v.get(i) + gi * gi * (1f - beta2);
            m.put(i, mi);
            v.put(i, vi);
            g.put(i, mi * alpha / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    private static void step(DoubleBuffer g, DoubleBuffer m, DoubleBuffer v, int from, int to,
                             double beta1, double beta2, double epsilon, double alpha) {
        for (int i = from; i < to; i++) {
            double gi = g.get(i);
            double mi = beta1 * m.get(i) + gi * (1.0 - beta1);
            double vi = beta2 * v.get(i) + gi * gi * (1.0 - beta2);
            m.put(i, mi);
            v.put(i, vi);
            g.put(i, mi * alpha / (Math.sqrt(vi) + epsilon));
        }
    }

    /** One dense run of n FLOAT or DOUBLE values in host memory. */
    private static boolean walkable(INDArray a, long n) {
        return a.length() == n && n > 0 && n <= Integer.MAX_VALUE && (n == 1 || a.elementWiseStride() == 1)
                && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && HOST_MEMORY;
    }

    /*
     * A view's data buffer in this ND4J version starts at the view's first element (the flat
     * gradient's and state's views are such views), so its address is where the run begins.
     */
    private static FloatBuffer floats(INDArray a, int n) {
        Pointer base = a.data().addressPointer();
        FloatPointer p = new FloatPointer(base);
        return p.limit(p.position() + n).asBuffer();
    }

    private static DoubleBuffer doubles(INDArray a, int n) {
        Pointer base = a.data().addressPointer();
        DoublePointer p = new DoublePointer(base);
        return p.limit(p.position() + n).asBuffer();
    }
}
