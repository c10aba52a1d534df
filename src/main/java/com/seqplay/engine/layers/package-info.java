/**
 * Recurrent layers DL4J 1.0.0-M2.1 lacks, written as ordinary DL4J layers.
 *
 * <p>{@link com.seqplay.engine.layers.GruLayer} (configuration, Jackson-serialisable) creates a
 * {@link com.seqplay.engine.layers.GruLayerImpl} whose parameters are laid out by
 * {@link com.seqplay.engine.layers.GruParamInitializer}. The implementation keeps matrix products
 * in ND4J and does the element-wise gate arithmetic in Java ({@code GruKernel}), moving one time
 * step at a time between the two through {@code HostView} bulk copies. CPU backend only is
 * tested; the host/device synchronisation calls needed for CUDA are in place but unverified.
 */
package com.seqplay.engine.layers;
