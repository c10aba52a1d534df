package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.Activation;

/** The fused cells under test, each with the DL4J layer it must equal on the same weights. */
enum FusedCell {
    LSTM_CELL {
        @Override
        Layer fused(int nIn, int nOut) {
            return new FusedLstm.Builder().nIn(nIn).nOut(nOut).build();
        }

        @Override
        Layer reference(int nIn, int nOut) {
            return new LSTM.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH).forgetGateBiasInit(1.0).build();
        }

        @Override
        String stateKey() {
            return FusedLstmImpl.STATE_KEY_PREV_ACTIVATION;
        }
    },
    RNN_CELL {
        @Override
        Layer fused(int nIn, int nOut) {
            return new FusedSimpleRnn.Builder().nIn(nIn).nOut(nOut).build();
        }

        @Override
        Layer reference(int nIn, int nOut) {
            return new SimpleRnn.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH).build();
        }

        @Override
        String stateKey() {
            return FusedSimpleRnnImpl.STATE_KEY_PREV_ACTIVATION;
        }
    };

    abstract Layer fused(int nIn, int nOut);

    abstract Layer reference(int nIn, int nOut);

    abstract String stateKey();
}
