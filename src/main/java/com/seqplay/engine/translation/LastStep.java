package com.seqplay.engine.translation;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each sequence's output at its last unmasked step ([batch, features, time] to [batch, features]),
 * as DL4J's last-time-step vertex computes it, with the values moved one by one in Java instead of
 * one indexed native copy per sequence. Its gradient is a 'c'-ordered array: the encoder's
 * outputs also feed the attention, whose gradients are 'c'-ordered, and DL4J sums the gradients
 * of a shared output; DL4J's vertex returned an 'f'-ordered one, and libnd4j adds arrays of
 * different orders far more slowly (with its per-sequence copies, 3-4% of a translation
 * training iteration).
 */
final class LastStep extends LastTimeStepVertex {
    private final String maskInput;
    /** Per sequence of the last forward pass, the step read. */
    private int[] lastSteps;
    private long[] inputShape;

    LastStep(ComputationGraph graph, String name, int index, String maskInput, DataType dataType) {
        super(graph, name, index, maskInput, dataType);
        this.maskInput = maskInput;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray in = inputs[0];
        if (in.rank() != 3) {
            throw new IllegalStateException("vertex " + vertexName + " expects [batch, features, time] input, got "
                    + java.util.Arrays.toString(in.shape()));
        }
        int batch = (int) in.size(0);
        int features = (int) in.size(1);
        int steps = (int) in.size(2);
        lastSteps = lastSteps(mask(), batch, steps);
        inputShape = in.shape();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(),
                new long[] {batch, features}, 'c');
        DataBuffer from = in.data();
        DataBuffer to = out.data();
        long offset = in.offset();
        long sb = in.stride(0);
        long sf = in.stride(1);
        long st = in.stride(2);
        long o = out.offset();
        for (int b = 0; b < batch; b++) {
            long base = offset + b * sb + lastSteps[b] * st;
            for (int f = 0; f < features; f++) {
                to.put(o + (long) b * features + f, from.getDouble(base + f * sf));
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        int batch = (int) inputShape[0];
        int features = (int) inputShape[1];
        int steps = (int) inputShape[2];
        INDArray gradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), inputShape, 'c');
        DataBuffer to = gradient.data();
        long o = gradient.offset();
        double[] eps = epsilon.castTo(DataType.DOUBLE).dup('c').data().asDouble(); // [batch, features]
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < features; f++) {
                to.put(o + ((long) b * features + f) * steps + lastSteps[b], eps[b * features + f]);
            }
        }
        return new Pair<>(null, new INDArray[] {gradient});
    }

    /** The mask of the configured network input, [batch, time], or null. */
    private INDArray mask() {
        INDArray[] masks = graph.getInputMaskArrays();
        if (maskInput == null || masks == null) {
            return null;
        }
        int index = graph.getConfiguration().getNetworkInputs().indexOf(maskInput);
        return index < 0 || index >= masks.length ? null : masks[index];
    }

    /** Per row, the last step whose mask is not 0 (0 for a row without any; the last step without a mask). */
    static int[] lastSteps(INDArray mask, int batch, int steps) {
        int[] last = new int[batch];
        if (mask == null) {
            java.util.Arrays.fill(last, steps - 1);
            return last;
        }
        double[] m = mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int width = (int) (m.length / batch);
        for (int b = 0; b < batch; b++) {
            for (int t = Math.min(steps, width) - 1; t >= 0; t--) {
                if (m[b * width + t] != 0.0) {
                    last[b] = t;
                    break;
                }
            }
        }
        return last;
    }
}
