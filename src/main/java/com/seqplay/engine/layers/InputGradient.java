package com.seqplay.engine.layers;

import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Switches off the gradient w.r.t. the network input in a network's first layer when it is one of
 * ours. DL4J's backward pass computes every layer's input gradient and drops the first one during
 * training; for the first layer that is one product of the size of the input projection plus an
 * array of the input's size, per iteration, for nothing (PyTorch skips it since the data needs no
 * gradient). Code that does read it ({@code MultiLayerNetwork.calculateGradients} for input
 * saliency) wraps the call in {@link #computing}.
 */
public final class InputGradient {

    private InputGradient() {
    }

    /** Lets the first layer of {@code net} skip its input gradient from now on (no effect on DL4J's layers). */
    public static void skipInFirstLayer(MultiLayerNetwork net) {
        set(net, false);
    }

    /** Runs {@code work} with the first layer's input gradient on, then restores the previous setting. */
    public static <T> T computing(MultiLayerNetwork net, Supplier<T> work) {
        FusedRecurrentImpl<?> first = firstFused(net);
        if (first == null || first.inputGradient()) {
            return work.get();
        }
        first.setInputGradient(true);
        try {
            return work.get();
        } finally {
            first.setInputGradient(false);
        }
    }

    private static void set(MultiLayerNetwork net, boolean needed) {
        FusedRecurrentImpl<?> first = firstFused(net);
        if (first != null) {
            first.setInputGradient(needed);
        }
    }

    private static FusedRecurrentImpl<?> firstFused(MultiLayerNetwork net) {
        Layer layer = net.getLayer(0);
        while (layer instanceof BaseWrapperLayer wrapper) {
            layer = wrapper.getUnderlying();
        }
        return layer instanceof FusedRecurrentImpl<?> fused ? fused : null;
    }
}
