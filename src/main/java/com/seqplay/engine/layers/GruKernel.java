package com.seqplay.engine.layers;

/**
 * The element-wise part of one GRU time step, forward and backward, on plain Java arrays.
 *
 * <p>Matrix products stay in ND4J (BLAS); everything between them is done here in one pass over
 * the minibatch, because issuing one native call per element-wise operation was where DL4J's own
 * recurrent layers spent their time. Layouts (B = minibatch, H = hidden size):
 * <ul>
 *   <li>gate rows ({@code xp}, {@code hp}, {@code g}, {@code dhp}): [B][3H], row-major, gates r|z|n</li>
 *   <li>state and caches ({@code h}, {@code r}, {@code z}, {@code n}, {@code hn}): [B][H], row-major,
 *       at an offset chosen by the caller (one block per time step)</li>
 *   <li>output and epsilon for one step: [B][H], row-major, which is one time slice of the layer's
 *       time-major output, so the layer can move it with a single bulk copy</li>
 * </ul>
 */
final class GruKernel {

    private final int batch;
    private final int hidden;
    private final ScalarActivation act;
    private final ScalarActivation gate;

    GruKernel(int batch, int hidden, ScalarActivation act, ScalarActivation gate) {
        this.batch = batch;
        this.hidden = hidden;
        this.act = act;
        this.gate = gate;
    }

    /**
     * Forward step for the rows (examples) {@code [from, to)}; no other row is read or written.
     *
     * @param xp      input projection x·W + b of this step, [B][3H]
     * @param hp      recurrent projection h_{t-1}·RW of this step, [B][3H] (all zero for a zero state)
     * @param h       state store: h_{t-1} read at {@code prevOff}, h_t written at {@code newOff}
     * @param mask    mask values for this step, one per example, or null for "all 1"
     * @param cache   r, z, n and h·Un of this step are written at {@code cacheOff} ([B][H])
     * @param out     this step's output, [B][H]
     */
    void forward(int from, int to, double[] xp, double[] hp, double[] h, int prevOff, int newOff, double[] mask,
                 double[] r, double[] z, double[] n, double[] hn, int cacheOff, double[] out) {
        // Short loops over blocks of H values with the activations applied in place to whole
        // blocks, so that C2 can run them as SIMD code; same arithmetic per element, same order.
        final int hs = hidden;
        for (int b = from; b < to; b++) {
            final int row = b * 3 * hs;
            final int st = b * hs;
            final int c = cacheOff + st;
            final double m = mask == null ? 1.0 : mask[b];
            if (m == 0.0) {
                // A padded step only carries the state (what the masked formula gives exactly);
                // its projections may not have been computed (see FusedRecurrentImpl's idle
                // rows), so they are not read, and its backward step skips it too.
                System.arraycopy(h, prevOff + st, h, newOff + st, hs);
                java.util.Arrays.fill(out, st, st + hs, 0.0);
                continue;
            }
            for (int j = 0; j < hs; j++) {
                r[c + j] = xp[row + j] + hp[row + j];
            }
            gate.applyInPlace(r, c, hs);
            for (int j = 0; j < hs; j++) {
                z[c + j] = xp[row + hs + j] + hp[row + hs + j];
            }
            gate.applyInPlace(z, c, hs);
            System.arraycopy(hp, row + 2 * hs, hn, c, hs);
            for (int j = 0; j < hs; j++) {
                n[c + j] = xp[row + 2 * hs + j] + r[c + j] * hn[c + j];
            }
            act.applyInPlace(n, c, hs);
            if (m == 1.0) {
                for (int j = 0; j < hs; j++) {
                    double nj = n[c + j];
                    double next = nj + z[c + j] * (h[prevOff + st + j] - nj); // (1 - z) n + z h_{t-1}
                    h[newOff + st + j] = next;
                    out[st + j] = next;
                }
            } else {
                for (int j = 0; j < hs; j++) {
                    double nj = n[c + j];
                    double prev = h[prevOff + st + j];
                    double next = m * (nj + z[c + j] * (prev - nj)) + (1.0 - m) * prev;
                    h[newOff + st + j] = next;
                    out[st + j] = m * next;
                }
            }
        }
    }

    /**
     * Backward step for the rows {@code [from, to)}.
     *
     * @param eps     dL/d(output_t), [B][H]
     * @param dh      in: dL/dh_t arriving from step t+1; out: the part of dL/dh_{t-1} that does not go
     *                through RW (the caller adds dhp·RWᵀ), [B][H]
     * @param h       state store, h_{t-1} read at {@code prevOff}
     * @param mask    mask values for this step, or null
     * @param g       out: gradient w.r.t. the input-side pre-activations (x·W + b), [B][3H]
     * @param dhp     out: gradient w.r.t. h_{t-1}·RW, [B][3H]
     * @param biasGrad accumulates the column sums of {@code g}, [3H]
     */
    void backward(int from, int to, double[] eps, double[] dh, double[] h, int prevOff, double[] mask,
                  double[] r, double[] z, double[] n, double[] hn, int cacheOff,
                  double[] g, double[] dhp, double[] biasGrad) {
        final int hs = hidden;
        for (int b = from; b < to; b++) {
            final int row = b * 3 * hs;
            final int st = b * hs;
            final double m = mask == null ? 1.0 : mask[b];
            if (m == 0.0) {
                // no gradient enters the gates of a padded step; dh passes through unchanged
                java.util.Arrays.fill(g, row, row + 3 * hs, 0.0);
                java.util.Arrays.fill(dhp, row, row + 3 * hs, 0.0);
                continue;
            }
            for (int j = 0; j < hs; j++) {
                int c = cacheOff + st + j;
                double rj = r[c];
                double zj = z[c];
                double nj = n[c];
                double hnj = hn[c];
                double prev = h[prevOff + st + j];
                // output_t = m h_t, so dL/dh_t = m eps + (what flows back from t+1)
                double dState = m * eps[st + j] + dh[st + j];
                double dCand = m * dState; // h_t = m cand + (1 - m) h_{t-1}
                double dn = dCand * (1.0 - zj);
                double dz = dCand * (prev - nj);
                double dan = dn * act.derivativeFromOutput(nj);
                double daz = dz * gate.derivativeFromOutput(zj);
                double dar = dan * hnj * gate.derivativeFromOutput(rj);
                g[row + j] = dar;
                g[row + hs + j] = daz;
                g[row + 2 * hs + j] = dan;
                dhp[row + j] = dar;
                dhp[row + hs + j] = daz;
                dhp[row + 2 * hs + j] = dan * rj;
                biasGrad[j] += dar;
                biasGrad[hs + j] += daz;
                biasGrad[2 * hs + j] += dan;
                dh[st + j] = (1.0 - m) * dState + dCand * zj;
            }
        }
    }
}
