package com.seqplay.engine.translation;

import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of one-head dot-product attention with projected inputs, computed by
 * {@link ProjectedAttention} with a few matrix products instead of DL4J's SameDiff graph.
 *
 * <p>It extends DL4J's {@link AttentionVertex} so that everything but the arithmetic stays DL4J's:
 * the parameters (Wq [1, head, queries], Wk [1, head, keys], Wv [1, head, values], Wo [head, out], in
 * that order in the flat parameter array), their initialisation, the updater and regularisation
 * settings, the output type and the output mask. A network built with it therefore reads the same
 * parameter names and shapes as one built with DL4J's vertex. It serialises to JSON under its own
 * class name; networks saved with DL4J's vertex keep loading with that one.
 *
 * <p>The forward pass equals DL4J's. The backward pass does not: DL4J 1.0.0-M2.1's vertex returns
 * exactly twice the true gradient for its parameters and its three inputs (it fails DL4J's own
 * finite-difference gradient check), while this one passes it.
 */
public class ProjectedAttentionVertex extends AttentionVertex {

    /** For JSON deserialisation. */
    public ProjectedAttentionVertex() {}

    /** One head, inputs projected: the only form {@link ProjectedAttention} computes. */
    public ProjectedAttentionVertex(long nInQueries, long nInKeys, long nInValues, long nOut, long headSize) {
        AttentionVertex checked = new AttentionVertex.Builder().nInQueries(nInQueries).nInKeys(nInKeys)
                .nInValues(nInValues).nOut(nOut).headSize(headSize).nHeads(1).projectInput(true).build();
        copyShape(checked, this);
    }

    private static void copyShape(AttentionVertex from, AttentionVertex to) {
        to.setNInQueries(from.getNInQueries());
        to.setNInKeys(from.getNInKeys());
        to.setNInValues(from.getNInValues());
        to.setNOut(from.getNOut());
        to.setHeadSize(from.getHeadSize());
        to.setNHeads(from.getNHeads());
        to.setProjectInput(from.isProjectInput());
        to.setWeightInit(from.getWeightInit());
    }

    @Override
    public ProjectedAttentionVertex clone() {
        ProjectedAttentionVertex copy = new ProjectedAttentionVertex();
        copyShape(this, copy);
        // unlike DL4J's clone, keep the training settings the global configuration filled in
        copy.setUpdater(getUpdater() == null ? null : getUpdater().clone());
        copy.setBiasUpdater(getBiasUpdater() == null ? null : getBiasUpdater().clone());
        copy.setRegularization(getRegularization());
        copy.setRegularizationBias(getRegularizationBias());
        copy.setGradientNormalization(getGradientNormalization());
        copy.setGradientNormalizationThreshold(getGradientNormalizationThreshold());
        copy.setDataType(getDataType());
        return copy;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        if (getNHeads() != 1 || !isProjectInput()) {
            throw new IllegalStateException("attention vertex " + name + ": only one head with projected inputs is"
                    + " supported, got " + getNHeads() + " heads, projectInput " + isProjectInput());
        }
        setName(name);
        return new ProjectedAttention(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }
}
