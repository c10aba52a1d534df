package com.seqplay.engine.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import com.seqplay.engine.layers.Gemm.Block;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run-time part shared by the fused recurrent layers ({@link FusedLstm}, {@link FusedSimpleRnn}):
 * everything except the cell's element-wise arithmetic, which a {@link CellKernel} does.
 *
 * <p>Design ("fused" layer): one matrix product projects the inputs of all time steps at once;
 * each step then adds h_{t-1}·RW to its slice of that projection with one BLAS call (no
 * temporaries) and the kernel does all gate arithmetic of the step in one Java loop, keeping in
 * training what the backward pass needs. The backward pass does one dG·RWᵀ product per step and
 * the weight gradients as one product over all steps at the end. Matrix products run on native
 * scratch arrays that persist between iterations ({@link NativeBuffers}); one time step at a time
 * moves between them and the kernel's Java arrays with bulk copies ({@link HostView}).
 *
 * <p>Parameters: {@value #W} [nIn, G·H] and {@value #RW} [H, G·H] ('f' order), {@value #B} [1, G·H],
 * as DL4J's LSTM and SimpleRnn lay them out. State: {@code rnnTimeStep} continues from the state
 * left by the previous call (cleared by {@code rnnClearPreviousState}); truncated BPTT continues
 * each segment from the previous segment's final state, and no gradient crosses segments.
 *
 * <p>Threads: with a {@link StepTeam} (off by default) several threads share every step, each
 * taking column blocks of the step product and row blocks of the gate arithmetic; without one,
 * everything runs on the caller exactly as a plain loop.
 *
 * <p>{@link #clear()} (which DL4J calls after every fit) forgets the cached pass but keeps the
 * scratch arrays, so that training does not reallocate tens of megabytes per iteration.
 */
abstract class FusedRecurrentImpl<L extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer>
        extends BaseRecurrentLayer<L> {

    static final String W = "W";
    static final String RW = "RW";
    static final String B = "b";

    /** State keys, as DL4J's LSTM names them: the output h and (LSTM) the cell c. */
    static final String STATE_H = "prevAct";
    static final String STATE_C = "prevMem";

    private final NativeBuffers buffers = new NativeBuffers();
    private CellKernel kernel;

    /** The input (after dropout) and mask of the kept training pass; null when there is none. */
    private INDArray passInput;
    private INDArray passMask;
    private int passBatch;
    private int passSteps;
    /** The pass's input as [T*B, nIn] rows (the input's own memory when it is time-major). */
    private INDArray passRows;
    /** The pass's input seen as one-hot rows, or null (see {@link OneHotInput}). */
    private OneHotInput passOneHot;
    private double[][] maskByStep;
    /** The last forward pass's busy rows per step (see {@link #busyRows}), for its backward pass. */
    private int[] busyRows;
    /** False when nothing reads the gradient w.r.t. this layer's input (see {@link InputGradient}). */
    private boolean inputGradient = true;

    protected FusedRecurrentImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** A new kernel for this layer's configuration; float networks may use faster activations. */
    protected abstract CellKernel createKernel(DataType type);

    /** Short name used in error messages, e.g. "LSTM". */
    protected abstract String cellName();

    private CellKernel kernel() {
        if (kernel == null) {
            kernel = createKernel(dataType);
        }
        return kernel;
    }

    private String[] stateKeys() {
        return kernel().stateCount() == 2 ? new String[]{STATE_H, STATE_C} : new String[]{STATE_H};
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(false, storedStates(stateMap), workspaceMgr);
        storeStates(stateMap);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(training, storedStates(tBpttStateMap), workspaceMgr);
        if (storeLastForTBPTT) {
            storeStates(tBpttStateMap);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backward(epsilon, -1, false, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backward(epsilon, tbpttBackLength, true, workspaceMgr);
    }

    /** Like DL4J's LSTM: the mask is used here (state carry, zero output) and passed on unchanged. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    public void clear() {
        super.clear();
        invalidatePass();
    }

    private void invalidatePass() {
        passInput = null;
        passMask = null;
        passRows = null;
        passOneHot = null;
    }

    /**
     * Whether {@link #backpropGradient} computes the gradient w.r.t. the input (the default). The
     * first layer of a network fed with data can skip it: DL4J computes it and throws it away.
     */
    void setInputGradient(boolean needed) {
        this.inputGradient = needed;
    }

    boolean inputGradient() {
        return inputGradient;
    }

    // ------------------------------------------------------------------------------------------
    // Forward

    private INDArray forward(boolean training, INDArray[] initialStates, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        invalidatePass();
        applyDropOutIfNecessary(training, workspaceMgr);

        INDArray in = permuteIfNWC(input);
        Preconditions.checkState(in.rank() == 3,
                "%s layer %s expects 3d input [minibatch, nIn, timeSteps], got shape %s",
                cellName(), layerId(), in.shape());
        Preconditions.checkState(in.size(1) == layerConf().getNIn(),
                "%s layer %s: input has size %s, expected nIn=%s", cellName(), layerId(), in.size(1),
                layerConf().getNIn());
        if (in.dataType() != dataType) {
            in = in.castTo(dataType);
        }
        final CellKernel k = kernel();
        final int batch = (int) in.size(0);
        final int nIn = (int) in.size(1);
        final int steps = (int) in.size(2);
        final int hidden = (int) layerConf().getNOut();
        final int block = batch * hidden;
        final int gh = k.gates() * hidden;
        final boolean separate = k.separateRecurrent();

        INDArray w = getParamWithNoise(W, training, workspaceMgr);
        INDArray rw = getParamWithNoise(RW, training, workspaceMgr);
        INDArray b = getParamWithNoise(B, training, workspaceMgr);
        // Owned row-major copies of Wᵀ and RWᵀ (the 'f' views' memory order), for direct BLAS calls.
        INDArray wT = buffers.get("wT", dataType, gh, nIn);
        INDArray rwT = buffers.get("rwT", dataType, gh, hidden);
        INDArray bRow = b.reshape(1, gh);

        // Input projection for all steps in one product; rows are ordered (t, b), so step t is the
        // contiguous row block [t*B, (t+1)*B). A time-major input (another fused layer's output) is
        // used where it lies; any other layout is copied once.
        INDArray x2 = TimeMajor.rows(in, buffers.get("x2", dataType, (long) steps * batch, nIn));
        INDArray xp = buffers.get("xp", dataType, (long) steps * batch, gh);
        INDArray out = TimeMajor.create(workspaceMgr, ArrayType.ACTIVATIONS, dataType, batch, hidden, steps);
        // A one-hot input needs no projection: the step loop adds W's rows (see OneHotInput).
        OneHotInput oneHot;
        try (StepTeam team = StepTeam.tryAcquire(batch)) {
            if (team == null) {
                wT.assign(w.transpose());
                rwT.assign(rw.transpose());
                oneHot = OneHotInput.find(x2, wT, b);
                if (oneHot == null) {
                    Gemm.multiply(Block.of(x2), false, Block.of(wT), true, Block.of(xp), 0.0);
                    xp.addiRowVector(bRow);
                }
            } else {
                // The same work in two steps: the two transposed copies side by side, then a block
                // of rows of the projection (and its bias) per chunk.
                int parts = team.size();
                int rows = steps * batch;
                team.runPhases(1, parts, (phase, chunk, member) -> {
                    if (chunk == 0) {
                        wT.assign(w.transpose());
                    }
                    if (chunk == Math.min(1, parts - 1)) {
                        rwT.assign(rw.transpose());
                    }
                });
                oneHot = OneHotInput.find(x2, wT, b);
                if (oneHot == null) {
                    team.runPhases(1, parts, (phase, chunk, member) -> {
                        int from = StepTeam.split(rows, parts, chunk, 1);
                        int count = StepTeam.split(rows, parts, chunk + 1, 1) - from;
                        if (count > 0) {
                            Gemm.multiply(Block.rows(x2, from, count), false, Block.of(wT), true,
                                    Block.rows(xp, from, count), 0.0);
                            xp.get(interval(from, from + count), all()).addiRowVector(bRow);
                        }
                    });
                }
            }

            k.prepare(batch, hidden, steps, training);
            maskByStep = readMask(batch, steps);
            double[][] init = initialStates == null ? null : toJava(initialStates, batch, hidden);
            k.initialState(init);
            // All states h_0..h_T in native memory: the step products read them, dRW needs them.
            INDArray hAll = buffers.get("hAll", dataType, (long) (steps + 1) * batch, hidden);
            new HostView(hAll).put(0, init == null ? new double[block] : init[0], 0, block);
            INDArray hp = separate ? buffers.get("hp", dataType, batch, gh) : null;

            busyRows = busyRows(maskByStep, batch, steps);
            StepShape shape = new StepShape(k, team, batch, hidden, steps, maskByStep, busyRows, oneHot);
            new ForwardLoop(shape, init != null, xp, hp, rwT, hAll, TimeMajor.rowsOrNull(out)).run();
        }
        if (training) {
            passInput = input;
            passMask = maskArray;
            passBatch = batch;
            passSteps = steps;
            passRows = x2;
            passOneHot = oneHot;
        }
        return permuteIfNWC(out);
    }

    /** The feature mask rearranged per step ([T][B]); masks are small, so a plain copy is fine. */
    private double[][] readMask(int batch, int steps) {
        if (maskArray == null) {
            return null;
        }
        INDArray m = maskArray;
        if (m.rank() == 3) {
            m = m.reshape(m.size(0), m.size(2)); // [B,1,T] as some pipelines produce
        }
        Preconditions.checkState(m.size(0) == batch && m.size(1) == steps,
                "%s layer %s: mask shape %s does not match [minibatch=%s, timeSteps=%s]",
                cellName(), layerId(), maskArray.shape(), batch, steps);
        double[][] byExample = m.toDoubleMatrix();
        double[][] byStep = new double[steps][batch];
        for (int e = 0; e < batch; e++) {
            for (int t = 0; t < steps; t++) {
                byStep[t][e] = byExample[e][t];
            }
        }
        return byStep;
    }

    private INDArray[] storedStates(java.util.Map<String, INDArray> map) {
        String[] keys = stateKeys();
        if (map.get(keys[0]) == null) {
            return null;
        }
        INDArray[] states = new INDArray[keys.length];
        for (int i = 0; i < keys.length; i++) {
            states[i] = map.get(keys[i]);
        }
        return states;
    }

    private void storeStates(java.util.Map<String, INDArray> map) {
        String[] keys = stateKeys();
        double[][] finals = kernel().finalStates();
        int hidden = (int) layerConf().getNOut();
        int batch = finals[0].length / Math.max(1, hidden);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < keys.length; i++) {
                INDArray state = Nd4j.createUninitialized(dataType, new long[]{batch, hidden}, 'c');
                new HostView(state).put(0, finals[i], 0, batch * hidden);
                map.put(keys[i], state);
            }
        }
    }

    private double[][] toJava(INDArray[] states, int batch, int hidden) {
        double[][] out = new double[states.length][];
        for (int i = 0; i < states.length; i++) {
            INDArray s = states[i];
            if (s == null) {
                continue;
            }
            Preconditions.checkState(s.rank() == 2 && s.size(0) == batch && s.size(1) == hidden,
                    "%s layer %s: stored state has shape %s but this input needs [%s, %s];"
                            + " call rnnClearPreviousState() when the minibatch size changes",
                    cellName(), layerId(), s.shape(), batch, hidden);
            // one bulk copy: toDoubleMatrix() makes a view per row, which dominated a decoding step
            out[i] = s.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Backward

    private Pair<Gradient, INDArray> backward(INDArray epsilon, int tbpttBackLength, boolean truncated,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (passInput == null || passInput != input || passMask != maskArray) {
            // No training forward pass for exactly this input (e.g. gradients requested directly):
            // recompute it, starting where DL4J's LSTM starts (the stored state under tBPTT).
            forward(true, truncated ? storedStates(stateMap) : null, workspaceMgr);
            if (truncated) {
                storeStates(tBpttStateMap);
            }
        }
        final CellKernel k = kernel();
        final int batch = passBatch;
        final int steps = passSteps;
        final int hidden = (int) layerConf().getNOut();
        final int nIn = (int) layerConf().getNIn();
        final int block = batch * hidden;
        final int gh = k.gates() * hidden;
        final boolean separate = k.separateRecurrent();
        final int firstStep = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;

        INDArray eps = permuteIfNWC(epsilon);
        if (eps.dataType() != dataType) {
            eps = eps.castTo(dataType);
        }
        Preconditions.checkState(eps.size(0) == batch && eps.size(1) == hidden && eps.size(2) == steps,
                "%s layer %s: epsilon shape %s does not match the forward pass", cellName(), layerId(),
                epsilon.shape());
        INDArray epsRows = TimeMajor.rows(eps, buffers.get("eps", dataType, (long) steps * batch, hidden));

        // Gradients of the gate pre-activations per step, rows (t, b) like the input projection.
        INDArray gAll = buffers.get("g", dataType, (long) steps * batch, gh);
        INDArray dhpAll = separate ? buffers.get("dhp", dataType, (long) steps * batch, gh) : gAll;
        if (firstStep > 0) {
            gAll.get(interval(0, (long) firstStep * batch), all()).assign(0);
            if (separate) {
                dhpAll.get(interval(0, (long) firstStep * batch), all()).assign(0);
            }
        }
        INDArray rwT = buffers.get("rwT", dataType, gh, hidden); // this pass's RWᵀ
        INDArray dhBuf = buffers.get("dh", dataType, batch, hidden);
        INDArray x2 = passRows;
        INDArray hAll = buffers.get("hAll", dataType, (long) (steps + 1) * batch, hidden);
        INDArray wT = buffers.get("wT", dataType, gh, nIn);
        INDArray dwT = buffers.get("dwT", dataType, gh, nIn);
        INDArray drwT = buffers.get("drwT", dataType, gh, hidden);
        // Gradient w.r.t. the input, [B, nIn, T] in time-major memory, unless nobody reads it.
        INDArray epsOut = inputGradient
                ? TimeMajor.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, dataType, batch, nIn, steps) : null;
        double[] biasGrad;
        k.beginBackward();
        try (StepTeam team = StepTeam.tryAcquire(batch)) {
            OneHotInput oneHot = passOneHot;
            StepShape shape = new StepShape(k, team, batch, hidden, steps, maskByStep, busyRows, oneHot);
            BackwardLoop loop = new BackwardLoop(shape, firstStep, epsRows, gAll, separate ? dhpAll : null, rwT, dhBuf);
            loop.run();
            biasGrad = loop.biasGrad();
            if (oneHot != null) {
                oneHot.writeGradient(loop.weightGrads(), dwT);
            }
            // The weight gradients sum over every step's rows; where padding leaves many rows idle
            // (zero gate gradients), the products run over the busy rows only, packed together.
            int[] busy = busyRows;
            int packedRows = PackedRows.count(busy, firstStep);
            boolean pack = Gemm.isDirect() && packedRows < PACK_BELOW * (steps - firstStep) * (double) batch;
            Block gRows = Block.of(gAll);
            Block dhpRows = Block.of(dhpAll);
            Block hRows = Block.rows(hAll, 0, steps * batch);
            Block xRows = Block.of(x2);
            if (pack) {
                long all = (long) steps * batch;
                INDArray g = buffers.get("gPacked", dataType, all, gh);
                PackedRows.pack(gAll, g, busy, firstStep, batch);
                gRows = Block.rows(g, 0, packedRows);
                if (separate) {
                    INDArray d = buffers.get("dhpPacked", dataType, all, gh);
                    PackedRows.pack(dhpAll, d, busy, firstStep, batch);
                    dhpRows = Block.rows(d, 0, packedRows);
                } else {
                    dhpRows = gRows;
                }
                INDArray h = buffers.get("hPacked", dataType, all, hidden);
                PackedRows.pack(hAll, h, busy, firstStep, batch);
                hRows = Block.rows(h, 0, packedRows);
                if (oneHot == null) {
                    INDArray x = buffers.get("xPacked", dataType, all, nIn);
                    PackedRows.pack(x2, x, busy, firstStep, batch);
                    xRows = Block.rows(x, 0, packedRows);
                }
            }
            final Block gW = gRows;
            final Block dhpW = dhpRows;
            final Block hW = hRows;
            final Block xW = xRows;
            INDArray epsOutRows = epsOut == null ? null : TimeMajor.rowsOrNull(epsOut);
            // Weight gradients, one product over all steps each (rows before firstStep are zero), and
            // the input gradient; with a team, each chunk computes a block of rows of each. Then the
            // gradients go to DL4J's layout (transposed), the two side by side with a team.
            int parts = team == null ? 1 : team.size();
            StepTeam.ChunkWork gradients = (phase, chunk, member) -> {
                if (phase == 1) {
                    if (chunk == 0) {
                        gradientViews.get(W).assign(dwT.transpose());
                    }
                    if (chunk == Math.min(1, parts - 1)) {
                        gradientViews.get(RW).assign(drwT.transpose());
                    }
                    return;
                }
                int from = StepTeam.split(gh, parts, chunk, 1);
                int count = StepTeam.split(gh, parts, chunk + 1, 1) - from;
                if (oneHot == null) {
                    Gemm.multiply(gW.columns(from, count), true, xW, false, Block.rows(dwT, from, count), 0.0);
                }
                Gemm.multiply(dhpW.columns(from, count), true, hW, false, Block.rows(drwT, from, count), 0.0);
                if (epsOutRows != null) {
                    int r0 = StepTeam.split(steps * batch, parts, chunk, 1);
                    int rows = StepTeam.split(steps * batch, parts, chunk + 1, 1) - r0;
                    Gemm.multiply(Block.rows(gAll, r0, rows), false, Block.of(wT), false,
                            Block.rows(epsOutRows, r0, rows), 0.0);
                }
            };
            if (team == null) {
                gradients.run(0, 0, 0);
                gradients.run(1, 0, 0);
            } else {
                team.runPhases(2, parts, gradients);
            }
        }
        INDArray wGrad = gradientViews.get(W);
        INDArray rwGrad = gradientViews.get(RW);
        INDArray bGrad = gradientViews.get(B);
        bGrad.assign(Nd4j.createFromArray(biasGrad).castTo(dataType).reshape(bGrad.shape()));

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(W, wGrad);
        gradient.gradientForVariable().put(RW, rwGrad);
        gradient.gradientForVariable().put(B, bGrad);

        weightNoiseParams.clear();
        invalidatePass();
        if (epsOut != null) {
            epsOut = backpropDropOutIfPresent(permuteIfNWC(epsOut));
        }
        return new Pair<>(gradient, epsOut);
    }

    // ------------------------------------------------------------------------------------------
    // Sharing the work between the members of a StepTeam

    /**
     * Chunks per phase and thread: more than one, so that a thread the OS lets run only part of the
     * time (other programs on the machine) takes fewer of them and does not hold up every phase.
     */
    /**
     * The weight-gradient products run over packed busy rows when these are fewer than this share
     * of all rows: packing copies the rows once, which the smaller products repay well before.
     */
    private static final double PACK_BELOW = 0.9;

    private static final int CHUNKS_PER_THREAD = Integer.getInteger("seqplay.steps.chunks", 2);

    /** Columns of a step product are split at multiples of 16 (a cache line of floats) where there are plenty. */
    private static int columnAlign(int columns, int parties) {
        return columns >= 64 * parties ? 16 : 1;
    }

    /**
     * Whether a team splits the batch into one block of rows per member for the whole time loop
     * ({@link StepLoop#rowBlocks}) rather than sharing every step (a product by columns, then the
     * gates by rows, with a barrier after each): {@code -Dseqplay.steps.split=steps} for the latter.
     */
    private static final boolean ROW_BLOCKS = !"steps".equals(System.getProperty("seqplay.steps.split", "rows"));

    /** Fewest rows per member for row blocks: products of fewer rows lose too much to packing RW each time. */
    static final int MIN_BLOCK_ROWS = 8;

    /** Time loops run as row blocks, for tests to see which way a team took. */
    static final java.util.concurrent.atomic.AtomicLong ROW_BLOCK_LOOPS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Starts of {@code parts} blocks of rows (and the end, {@code batch}) with about the same number
     * of busy row steps each: a row is busy at step t when it is below {@code busyRows[t]}, so where
     * rows are ordered by falling length the first blocks hold fewer rows.
     */
    static int[] rowBlocks(int[] busyRows, int batch, int parts) {
        // work[r]: the steps at which row r is busy
        long[] endsAt = new long[batch + 1];
        for (int busy : busyRows) {
            endsAt[busy]++;
        }
        long[] work = new long[batch];
        long above = 0;
        long total = 0;
        for (int r = batch - 1; r >= 0; r--) {
            above += endsAt[r + 1];
            work[r] = above;
            total += above;
        }
        int[] starts = new int[parts + 1];
        starts[parts] = batch;
        long done = 0;
        int r = 0;
        for (int p = 1; p < parts; p++) {
            long target = total * p / parts;
            while (r < batch && done + work[r] / 2 < target) {
                done += work[r];
                r++;
            }
            starts[p] = Math.max(r, starts[p - 1]);
        }
        if (total == 0) { // no busy row at all: equal blocks
            for (int p = 1; p < parts; p++) {
                starts[p] = StepTeam.split(batch, parts, p, 1);
            }
        }
        return starts;
    }

    /**
     * Per step, the number of leading rows that include every row with a real step: 1 + the last
     * row whose mask is not 0 (all rows without a mask). The rows after it are idle at that step
     * (they only carry their state and get no gradient), so the step products skip them. Batches
     * whose rows are ordered by falling length (as the translation trainer builds them) skip all
     * their padding this way, much as PyTorch's packed sequences do.
     */
    static int[] busyRows(double[][] maskByStep, int batch, int steps) {
        int[] busy = new int[steps];
        for (int t = 0; t < steps; t++) {
            int b = batch;
            if (maskByStep != null) {
                while (b > 0 && maskByStep[t][b - 1] == 0.0) {
                    b--;
                }
            }
            busy[t] = b;
        }
        return busy;
    }

    /**
     * What the forward and backward time loops of one pass share: the kernel, the team (or none),
     * the sizes, the mask by step with its busy rows, and the one-hot view of the input (or null).
     */
    record StepShape(CellKernel kernel, StepTeam team, int batch, int hidden, int steps, double[][] maskByStep,
                     int[] busyRows, OneHotInput oneHot) {}

    /** The fields of a {@link StepShape} a loop reads at every step, and its chunk count. */
    private abstract static class StepLoop {
        final CellKernel k;
        final StepTeam team;
        final int chunks;
        final int batch;
        final int hidden;
        final int gh;
        final int steps;
        final double[][] maskByStep;
        /** Per step, 1 + the last row whose mask is not 0 (rows after it are idle). */
        final int[] busyRows;
        final OneHotInput oneHot;

        /**
         * With a team and enough rows, where each member's block of rows starts (and the end):
         * each member then runs the whole time loop on its own rows, with no barrier between steps
         * (the recurrence never mixes rows); null: the members share each step instead.
         */
        final int[] rowBlocks;

        StepLoop(StepShape shape) {
            this.k = shape.kernel();
            this.team = shape.team();
            this.rowBlocks = team != null && ROW_BLOCKS && shape.batch() >= team.size() * MIN_BLOCK_ROWS
                    ? rowBlocks(shape.busyRows(), shape.batch(), team.size()) : null;
            this.chunks = team == null ? 1 : team.size() * CHUNKS_PER_THREAD;
            this.batch = shape.batch();
            this.hidden = shape.hidden();
            this.gh = k.gates() * hidden;
            this.steps = shape.steps();
            this.maskByStep = shape.maskByStep();
            this.busyRows = shape.busyRows();
            this.oneHot = shape.oneHot();
        }
    }

    /**
     * The time loop of a forward pass as phases (see {@link StepTeam#runPhases}): per step, phase 2t
     * is the step product h_{t-1}·RW, split by columns (each chunk's BLAS call works on its own part
     * of RW; split by rows, every call would pack all of RW again), and phase 2t+1 the gate
     * arithmetic, split by rows (examples), which writes those rows of h_t. Without a team there is
     * one chunk per phase and the phases run in order on this thread: the same calls as a plain loop.
     * With {@link StepLoop#rowBlocks} each member instead runs every step, product and gates, on its
     * own rows: one section for the whole loop, and no barrier between steps.
     */
    private static final class ForwardLoop extends StepLoop {
        private final boolean hasInit;
        private final INDArray xp;
        private final INDArray hp;
        private final INDArray rwT;
        private final INDArray hAll;
        /** Per member (a HostView keeps a position and scratch space): views of hAll, xp, hp, output. */
        private final HostView[][] views;
        private final double[] pre;
        private final double[] hpStep;
        private final double[] hStep;
        private final double[] outStep;

        /** With {@code oneHot} set, xp holds no input projection (see OneHotInput). */
        ForwardLoop(StepShape shape, boolean hasInit, INDArray xp, INDArray hp, INDArray rwT, INDArray hAll,
                    INDArray outRows) {
            super(shape);
            this.hasInit = hasInit;
            this.xp = xp;
            this.hp = hp;
            this.rwT = rwT;
            this.hAll = hAll;
            this.views = new HostView[chunks][];
            for (int m = 0; m < chunks; m++) {
                views[m] = new HostView[]{new HostView(hAll), new HostView(xp), hp == null ? null : new HostView(hp),
                        new HostView(outRows)};
            }
            // Whole-minibatch arrays; a chunk reads and writes only its rows.
            this.pre = new double[batch * gh];
            this.hpStep = hp != null ? new double[batch * gh] : null;
            this.hStep = new double[batch * hidden];
            this.outStep = new double[batch * hidden];
        }

        void run() {
            if (team == null) {
                for (int phase = 0; phase < 2 * steps; phase++) {
                    chunk(phase, 0, 0);
                }
            } else if (rowBlocks != null) {
                ROW_BLOCK_LOOPS.incrementAndGet();
                team.runPhases(1, rowBlocks.length - 1, (phase, block, member) -> {
                    int b0 = rowBlocks[block];
                    int rows = rowBlocks[block + 1] - b0;
                    for (int t = 0; t < steps; t++) {
                        product(t, b0, rows, 0, gh);
                        gates(t, b0, rows, member);
                    }
                });
            } else {
                team.runPhases(2 * steps, chunks, this::chunk);
            }
        }

        private void chunk(int phase, int chunk, int member) {
            final int t = phase >> 1;
            if ((phase & 1) == 0) {
                int align = columnAlign(gh, chunks);
                int c0 = StepTeam.split(gh, chunks, chunk, align);
                product(t, 0, batch, c0, StepTeam.split(gh, chunks, chunk + 1, align) - c0);
            } else {
                int b0 = StepTeam.split(batch, chunks, chunk, 1);
                gates(t, b0, StepTeam.split(batch, chunks, chunk + 1, 1) - b0, member);
            }
        }

        /** Columns [c0, c0 + cols) of step t's product h_{t-1}·RW for rows [r0, r0 + rows), their busy part. */
        private void product(int t, int r0, int rows, int c0, int cols) {
            if (t == 0 && !hasInit) {
                return;
            }
            // only the rows up to the last one with a real step: the rest only carry their state
            int busy = Math.max(0, Math.min(rows, busyRows[t] - r0));
            Block hPrev = Block.rows(hAll, (long) t * batch + r0, busy);
            Block rwPart = Block.rows(rwT, c0, cols);
            if (hp != null) {
                Gemm.multiply(hPrev, false, rwPart, true, Block.rows(hp, r0, busy).columns(c0, cols), 0.0);
            } else {
                Gemm.multiply(hPrev, false, rwPart, true, Block.rows(xp, (long) t * batch + r0, busy).columns(c0, cols),
                        oneHot == null ? 1.0 : 0.0);
            }
        }

        /** The gate arithmetic of step t for rows [b0, b0 + rows), which writes those rows of h_t and the output. */
        private void gates(int t, int b0, int rows, int member) {
            final boolean recurrent = t > 0 || hasInit;
            final boolean separate = hp != null;
            final int block = batch * hidden;
            HostView[] v = views[member];
            // the kernel reads no pre-activations of idle rows (mask 0), which end the chunk's busy part
            final int busy = Math.max(0, Math.min(rows, busyRows[t] - b0));
            if (separate) {
                if (recurrent) {
                    v[2].get((long) b0 * gh, hpStep, b0 * gh, busy * gh);
                } else {
                    java.util.Arrays.fill(hpStep, b0 * gh, (b0 + busy) * gh, 0.0);
                }
            }
            if (oneHot == null || recurrent && !separate) {
                v[1].get((long) t * batch * gh + (long) b0 * gh, pre, b0 * gh, busy * gh);
            } else {
                java.util.Arrays.fill(pre, b0 * gh, (b0 + busy) * gh, 0.0);
            }
            if (oneHot != null) {
                for (int b = b0; b < b0 + busy; b++) {
                    oneHot.addProjection(t * batch + b, pre, b * gh);
                }
            }
            k.forward(t, b0, b0 + rows, pre, hpStep, maskByStep == null ? null : maskByStep[t], hStep, outStep);
            v[0].put((long) (t + 1) * block + (long) b0 * hidden, hStep, b0 * hidden, rows * hidden);
            v[3].put((long) t * block + (long) b0 * hidden, outStep, b0 * hidden, rows * hidden);
        }
    }

    /**
     * The time loop of a backward pass as phases, like {@link ForwardLoop}: per step t (from the
     * last), an even phase by rows adds the rows' dh from the step after (dhp·RWᵀ) to the kernel's dh
     * and does their gate gradients; an odd phase by columns computes dh = dhp_t·RWᵀ for all rows.
     * Each row chunk sums its own part of the bias gradient; {@link #biasGrad()} adds the parts in
     * chunk order, so the result does not depend on which thread ran which chunk. With row blocks,
     * each member runs every step on its own rows, as in the forward loop.
     */
    private static final class BackwardLoop extends StepLoop {
        private final int firstStep;
        private final INDArray gAll;
        private final INDArray dhpAll;
        private final INDArray rwT;
        private final INDArray dhBuf;
        /** Per member: views of eps, g, dhp (or null), dh. */
        private final HostView[][] views;
        private final double[] epsStep;
        private final double[] gStep;
        private final double[] dhpStep;
        private final double[] dhRecurrent;
        private final double[][] biasGrads;
        /** Per chunk, dW by input column when the input is one-hot (see OneHotInput), else null. */
        private final double[][] weightGrads;

        BackwardLoop(StepShape shape, int firstStep, INDArray epsRows, INDArray gAll, INDArray separateDhp,
                     INDArray rwT, INDArray dhBuf) {
            super(shape);
            this.firstStep = firstStep;
            this.gAll = gAll;
            this.dhpAll = separateDhp != null ? separateDhp : gAll;
            this.rwT = rwT;
            this.dhBuf = dhBuf;
            this.views = new HostView[chunks][];
            for (int m = 0; m < chunks; m++) {
                views[m] = new HostView[]{new HostView(epsRows), new HostView(gAll),
                        separateDhp == null ? null : new HostView(separateDhp), new HostView(dhBuf)};
            }
            this.epsStep = new double[batch * hidden];
            this.gStep = new double[batch * gh];
            this.dhpStep = separateDhp != null ? new double[batch * gh] : gStep;
            this.dhRecurrent = new double[batch * hidden];
            this.biasGrads = new double[chunks][gh];
            this.weightGrads = oneHot == null ? null : new double[chunks][];
            if (oneHot != null) {
                for (int c = 0; c < chunks; c++) {
                    weightGrads[c] = oneHot.newGradient();
                }
            }
        }

        double[][] weightGrads() {
            return weightGrads;
        }


        void run() {
            int phases = 2 * (steps - firstStep);
            if (team == null) {
                for (int phase = 0; phase < phases; phase++) {
                    chunk(phase, 0, 0);
                }
            } else if (rowBlocks != null) {
                ROW_BLOCK_LOOPS.incrementAndGet();
                team.runPhases(1, rowBlocks.length - 1, (phase, block, member) -> {
                    int b0 = rowBlocks[block];
                    int rows = rowBlocks[block + 1] - b0;
                    for (int t = steps - 1; t >= firstStep; t--) {
                        gates(t, b0, rows, member, block);
                        dhProduct(t, b0, rows, 0, hidden);
                    }
                });
            } else {
                team.runPhases(phases, chunks, this::chunk);
            }
        }

        private void chunk(int phase, int chunk, int member) {
            final int t = steps - 1 - (phase >> 1);
            if ((phase & 1) == 1) {
                int align = columnAlign(hidden, chunks);
                int h0 = StepTeam.split(hidden, chunks, chunk, align);
                dhProduct(t, 0, batch, h0, StepTeam.split(hidden, chunks, chunk + 1, align) - h0);
            } else {
                int b0 = StepTeam.split(batch, chunks, chunk, 1);
                gates(t, b0, StepTeam.split(batch, chunks, chunk + 1, 1) - b0, member, chunk);
            }
        }

        /** Columns [h0, h0 + cols) of dh = dhp_t·RWᵀ for rows [r0, r0 + rows), for step t - 1 to add. */
        private void dhProduct(int t, int r0, int rows, int h0, int cols) {
            if (t <= firstStep) {
                return;
            }
            // idle rows have zero gate gradients: their dh rows are not computed, nor read below
            int busy = Math.max(0, Math.min(rows, busyRows[t] - r0));
            Gemm.multiply(Block.rows(dhpAll, (long) t * batch + r0, busy), false, Block.of(rwT).columns(h0, cols),
                    false, Block.rows(dhBuf, r0, busy).columns(h0, cols), 0.0);
        }

        /** The gate gradients of step t for rows [b0, b0 + rows); {@code part} names the bias (and one-hot) sums they go to. */
        private void gates(int t, int b0, int rows, int member, int part) {
            final int block = batch * hidden;
            HostView[] v = views[member];
            if (t < steps - 1) {
                // dh of step t+1 through RW, computed after step t+1 for its busy rows
                int busy = Math.max(0, Math.min(rows, busyRows[t + 1] - b0));
                v[3].get((long) b0 * hidden, dhRecurrent, b0 * hidden, busy * hidden);
                k.addToDh(dhRecurrent, b0 * hidden, (b0 + busy) * hidden);
            }
            v[0].get((long) t * block + (long) b0 * hidden, epsStep, b0 * hidden, rows * hidden);
            k.backward(t, b0, b0 + rows, epsStep, maskByStep == null ? null : maskByStep[t], gStep, dhpStep,
                    biasGrads[part]);
            if (oneHot != null) {
                int busy = Math.max(0, Math.min(rows, busyRows[t] - b0)); // idle rows have g = 0
                for (int b = b0; b < b0 + busy; b++) {
                    oneHot.addGradient(t * batch + b, gStep, b * gh, weightGrads[part]);
                }
            }
            v[1].put((long) t * batch * gh + (long) b0 * gh, gStep, b0 * gh, rows * gh);
            if (v[2] != null) {
                v[2].put((long) t * batch * gh + (long) b0 * gh, dhpStep, b0 * gh, rows * gh);
            }
        }

        double[] biasGrad() {
            double[] sum = biasGrads[0];
            for (int c = 1; c < chunks; c++) {
                for (int j = 0; j < gh; j++) {
                    sum[j] += biasGrads[c][j];
                }
            }
            return sum;
        }
    }
}
