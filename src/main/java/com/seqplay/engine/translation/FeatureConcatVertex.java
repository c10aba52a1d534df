package com.seqplay.engine.translation;

import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link MergeVertex} (concatenation of the inputs' features), computed by {@link FeatureConcat}.
 * Same configuration and output; a network saved with it names this class, and networks saved with
 * DL4J's vertex keep loading with that one.
 */
public class FeatureConcatVertex extends MergeVertex {

    @Override
    public FeatureConcatVertex clone() {
        FeatureConcatVertex copy = new FeatureConcatVertex();
        copy.setMergeAxis(getMergeAxis());
        copy.setModified(isModified());
        return copy;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new FeatureConcat(graph, name, idx, networkDatatype, getMergeAxis());
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 2;
    }
}
