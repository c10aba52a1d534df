package com.seqplay.engine.layers;

/**
 * The element-wise part of a recurrent cell, on plain Java arrays, for {@link FusedRecurrentImpl}.
 *
 * <p>The layer does the matrix products (in native memory, through BLAS) and hands each time step's
 * gate pre-activations to the kernel, which does all the gate arithmetic of the step in one loop
 * and keeps, in training, what the backward pass needs. Layouts (B = minibatch, H = hidden size,
 * G = {@link #gates()}):
 * <ul>
 *   <li>pre-activations and their gradients: [B][G*H], row-major, one block of H per gate</li>
 *   <li>states handed to the layer: [B][H], row-major</li>
 *   <li>a step's output and output gradient: [B][H], row-major, i.e. one time slice of the
 *       layer's time-major output (memory order t, b, h), so the layer moves it with one bulk copy</li>
 * </ul>
 * A step works on the rows (examples) {@code [from, to)} only and touches no other row of any
 * array, so that threads may share a step by rows ({@link StepTeam}); the bias gradient is the one
 * value all rows add to, so each thread passes its own accumulator.
 * Masks follow {@code h_t = m h'_t + (1 - m) h_{t-1}} (a padded step keeps the state, every
 * state of the cell alike) and the output at a step is {@code m h_t}.
 */
interface CellKernel {

    /** Gate blocks per row of pre-activations (LSTM 4, GRU 3, simple RNN 1). */
    int gates();

    /** Number of state arrays: 1 (h) or 2 (h and the LSTM cell c). */
    int stateCount();

    /**
     * Sizes the arrays for a pass.
     *
     * @param keepAll keep every step's values for a backward pass (training), or recycle blocks
     */
    void prepare(int batch, int hidden, int steps, boolean keepAll);

    /** Sets the states before step 0: {@code states[i]} is [B][H] or null for zeros. */
    void initialState(double[][] states);

    /**
     * One forward step, for the rows {@code [from, to)}.
     *
     * @param pre  the step's pre-activations x W + b + h_{t-1} RW (for {@link #separateRecurrent()}
     *             kernels x W + b only), [B][G*H]
     * @param hp   h_{t-1} RW for kernels with a separate recurrent projection, else null
     * @param mask one value per example, or null for all 1
     * @param h    out: h_t, [B][H]
     * @param out  out: the step's output m h_t, [B][H]
     */
    void forward(int t, int from, int to, double[] pre, double[] hp, double[] mask, double[] h, double[] out);

    /** Starts a backward pass: no gradient flows in after the last step. */
    void beginBackward();

    /**
     * One backward step, for the rows {@code [from, to)}; {@link #dh()} holds dL/dh_t on entry and the part of dL/dh_{t-1} that does
     * not go through RW on exit (the layer then adds dhp RWᵀ with {@link #addToDh}).
     *
     * @param eps      dL/d(output_t), [B][H]
     * @param g        out: gradient w.r.t. the input-side pre-activations (x W + b), [B][G*H]
     * @param dhp      out: gradient w.r.t. h_{t-1} RW, [B][G*H]; the same array as {@code g} unless
     *                 {@link #separateRecurrent()}
     * @param biasGrad accumulates the column sums of {@code g}, [G*H]
     */
    void backward(int t, int from, int to, double[] eps, double[] mask, double[] g, double[] dhp, double[] biasGrad);

    /** dL/dh carried between backward steps, [B][H]. */
    double[] dh();

    /** Adds {@code dhRecurrent} (dhp RWᵀ, [B][H]) to {@link #dh()} at the flat indices {@code [from, to)}. */
    default void addToDh(double[] dhRecurrent, int from, int to) {
        double[] dh = dh();
        for (int i = from; i < to; i++) {
            dh[i] += dhRecurrent[i];
        }
    }

    /** The states after the last step, [B][H] each, in {@link #stateCount()} order. */
    double[][] finalStates();

    /** True if the recurrent projection must stay apart from the input one (GRU's reset-after form). */
    default boolean separateRecurrent() {
        return false;
    }

    /** Drops the (possibly large) arrays. */
    void release();
}
