package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PackedRowsTest {

    @Test
    void busyRowsOfEachStepFollowOneAnother() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            // 4 steps of batch 3, 2 columns: row (t, b) holds [10t + b, -(10t + b)]
            INDArray src = Nd4j.create(type, 12, 2);
            for (int t = 0; t < 4; t++) {
                for (int b = 0; b < 3; b++) {
                    src.putScalar(t * 3 + b, 0, 10 * t + b);
                    src.putScalar(t * 3 + b, 1, -(10 * t + b));
                }
            }
            INDArray dst = Nd4j.zeros(type, 12, 2);
            int[] busy = {3, 2, 0, 1};
            assertEquals(3, PackedRows.count(busy, 1));
            assertEquals(6, PackedRows.count(busy, 0));
            PackedRows.pack(src, dst, busy, 1, 3); // from step 1: rows (1,0) (1,1) (3,0)
            double[] expected = {10, 11, 30, 0};
            for (int r = 0; r < expected.length; r++) {
                assertEquals(expected[r], dst.getDouble(r, 0), type + " row " + r);
                assertEquals(r < 3 ? -expected[r] : 0.0, dst.getDouble(r, 1), type + " row " + r);
            }
        }
    }
}
