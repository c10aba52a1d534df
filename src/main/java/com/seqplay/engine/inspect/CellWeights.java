package com.seqplay.engine.inspect;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A recurrent layer's parameters copied to double: input weights {@code w} [nIn][G*H], recurrent
 * weights {@code rw} [H][G*H] and bias {@code b} [G*H], G gate blocks of H columns side by side.
 * Every cell here (ours and DL4J's LSTM and SimpleRnn) lays its parameters out this way; the
 * order of the blocks is the cell's own.
 */
record CellWeights(double[][] w, double[][] rw, double[] b, int units, int gates) {

    static CellWeights of(INDArray w, INDArray rw, INDArray b, int gates) {
        int units = (int) rw.size(0);
        if (w.size(1) != (long) gates * units || rw.size(1) != (long) gates * units || b.length() != (long) gates * units) {
            throw new IllegalStateException("recurrent weights of shape " + java.util.Arrays.toString(w.shape()) + ", "
                    + java.util.Arrays.toString(rw.shape()) + ", " + java.util.Arrays.toString(b.shape())
                    + " do not hold " + gates + " gate blocks of " + units + " units");
        }
        return new CellWeights(w.castTo(DataType.DOUBLE).toDoubleMatrix(), rw.castTo(DataType.DOUBLE).toDoubleMatrix(),
                b.castTo(DataType.DOUBLE).reshape(b.length()).toDoubleVector(), units, gates);
    }

    int inputs() {
        return w.length;
    }

    /** x W + b, one row of G*H. */
    double[] inputProjection(double[] x) {
        double[] out = b.clone();
        addProduct(x, w, out);
        return out;
    }

    /** h RW, one row of G*H. */
    double[] recurrentProjection(double[] h) {
        double[] out = new double[b.length];
        addProduct(h, rw, out);
        return out;
    }

    private static void addProduct(double[] v, double[][] m, double[] out) {
        for (int i = 0; i < v.length; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue; // one-hot inputs: most rows add nothing
            }
            double[] row = m[i];
            for (int j = 0; j < out.length; j++) {
                out[j] += vi * row[j];
            }
        }
    }

    /** Columns [block*H, (block+1)*H) of a row, through the activation. */
    double[] block(double[] row, int block, IActivation activation) {
        double[] part = new double[units];
        System.arraycopy(row, block * units, part, 0, units);
        return activate(activation, part);
    }

    /** The activation applied by ND4J itself, in double, so any activation a layer names works. */
    static double[] activate(IActivation activation, double[] v) {
        INDArray a = Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE);
        return activation.getActivation(a, false).reshape(v.length).toDoubleVector();
    }
}
