/**
 * Fast recurrent layers, written as ordinary DL4J layers: {@link com.seqplay.engine.layers.FusedLstm}
 * (equal to DL4J's LSTM on the same weights), {@link com.seqplay.engine.layers.FusedSimpleRnn} (equal
 * to DL4J's SimpleRnn) and {@link com.seqplay.engine.layers.GruLayer} (DL4J 1.0.0-M2.1 has no GRU).
 *
 * <p>Each configuration class (Jackson-serialisable) creates a run-time layer built on
 * {@code FusedRecurrentImpl}: matrix products go straight to BLAS on native scratch arrays
 * ({@code Gemm}, {@code NativeBuffers}), and the element-wise gate arithmetic of a whole time step runs
 * in one Java loop ({@code CellKernel} implementations), one step at a time moved between the two by
 * bulk copies ({@code HostView}). The CPU backend is tested; on other backends the products fall back
 * to {@code Nd4j.gemm} and the host/device synchronisation calls are in place but unverified.
 */
package com.seqplay.engine.layers;
