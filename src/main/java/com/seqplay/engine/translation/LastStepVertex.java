package com.seqplay.engine.translation;

import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link LastTimeStepVertex} (each sequence's output at its last unmasked step), computed by
 * {@link LastStep}. Same configuration and output; a network saved with it names this class, and
 * networks saved with DL4J's vertex keep loading with that one.
 */
public class LastStepVertex extends LastTimeStepVertex {

    /** For reading saved configurations (the mask input's name is then set by its setter). */
    public LastStepVertex() {
        super(null);
    }

    /** @param maskArrayInputName the network input whose mask marks each sequence's real steps */
    public LastStepVertex(String maskArrayInputName) {
        super(maskArrayInputName);
    }

    @Override
    public LastStepVertex clone() {
        return new LastStepVertex(getMaskArrayInputName());
    }

    @Override
    public LastStep instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new LastStep(graph, name, idx, getMaskArrayInputName(), networkDatatype);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 3;
    }
}
