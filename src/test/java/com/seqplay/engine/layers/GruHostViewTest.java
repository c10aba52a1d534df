package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bulk copy bridge reads and writes exactly the elements ND4J sees, in both precisions. */
class GruHostViewTest {

    @Test
    void roundTripsDoubleAndFloatArraysAtOffsets() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray a = Nd4j.zeros(type, 3, 4);
            HostView view = new HostView(a);
            view.put(5, new double[]{9, 1.5, -2, 7}, 1, 3); // elements 5..7 = 1.5, -2, 7
            assertEquals(1.5, a.getDouble(1, 1), 0.0, type.toString());
            assertEquals(-2.0, a.getDouble(1, 2), 0.0);
            assertEquals(7.0, a.getDouble(1, 3), 0.0);
            assertEquals(0.0, a.getDouble(1, 0), 0.0);
            double[] back = new double[5];
            view.get(4, back, 1, 4);
            assertArrayEquals(new double[]{0, 0, 1.5, -2, 7}, back, 0.0);
        }
    }

    @Test
    void worksOnWorkspaceArrays() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "GRU_HOSTVIEW_TEST")) {
            Nd4j.create(DataType.DOUBLE, 7); // something before, so the array does not start the workspace
            INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, new long[]{2, 2}, 'c');
            a.assign(3.0);
            new HostView(a).put(2, new double[]{4, 5}, 0, 2);
            assertEquals(Nd4j.createFromArray(new double[][]{{3, 3}, {4, 5}}), a);
        }
    }

    @Test
    void rejectsViewsThatDoNotStartTheirBuffer() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> new HostView(a.getRow(2)));
    }
}
