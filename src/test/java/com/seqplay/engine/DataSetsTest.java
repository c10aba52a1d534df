package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Our shuffle keeps each example's features, labels and masks together whatever their data types
 * (the forecasting windows are float, their targets double), and is a seeded, uniform permutation.
 */
class DataSetsTest {

    /** Example i: features [i, 0, 0] = i, labels [i, 0] = i, masks row i = i; features float, the rest double. */
    private static DataSet numbered(int n) {
        INDArray features = Nd4j.create(DataType.FLOAT, n, 2, 5);
        INDArray labels = Nd4j.create(DataType.DOUBLE, n, 3);
        INDArray featureMask = Nd4j.create(DataType.DOUBLE, n, 5);
        INDArray labelMask = Nd4j.create(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            features.putScalar(new int[] {i, 0, 0}, i);
            features.putScalar(new int[] {i, 1, 4}, -i);
            labels.putScalar(new int[] {i, 0}, i);
            labels.putScalar(new int[] {i, 2}, 2 * i);
            featureMask.putScalar(new int[] {i, 1}, i);
            labelMask.putScalar(new int[] {i, 2}, i);
        }
        return new DataSet(features, labels, featureMask, labelMask);
    }

    private static int[] order(DataSet data) {
        int n = data.numExamples();
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            int s = (int) data.getLabels().getDouble(i, 0);
            assertThat(data.getFeatures().getDouble(i, 0, 0)).as("features of row %d", i).isEqualTo(s);
            assertThat(data.getFeatures().getDouble(i, 1, 4)).as("features of row %d", i).isEqualTo(-s);
            assertThat(data.getLabels().getDouble(i, 2)).as("labels of row %d", i).isEqualTo(2 * s);
            assertThat(data.getFeaturesMaskArray().getDouble(i, 1)).as("feature mask of row %d", i).isEqualTo(s);
            assertThat(data.getLabelsMaskArray().getDouble(i, 2)).as("label mask of row %d", i).isEqualTo(s);
            source[i] = s;
        }
        return source;
    }

    @Test
    void examplesStayWholeAcrossDataTypesAndEachAppearsOnce() {
        int n = 3441;
        DataSet data = numbered(n);
        DataSets.shuffle(data, 43);
        int[] source = order(data);
        Set<Integer> seen = new HashSet<>();
        int inPlace = 0;
        int fromSecondHalf = 0;
        for (int i = 0; i < n; i++) {
            seen.add(source[i]);
            inPlace += source[i] == i ? 1 : 0;
            fromSecondHalf += i < n / 2 && source[i] >= n / 2 ? 1 : 0;
        }
        assertThat(seen).hasSize(n);
        assertThat(inPlace).isLessThan(10);
        // a uniform shuffle brings about a quarter of all examples from the second half to the first
        assertThat(fromSecondHalf).isBetween(n / 4 - 100, n / 4 + 100);
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        DataSet a = numbered(200);
        DataSet b = numbered(200);
        DataSet c = numbered(200);
        DataSets.shuffle(a, 7);
        DataSets.shuffle(b, 7);
        DataSets.shuffle(c, 8);
        assertThat(order(a)).isEqualTo(order(b)).isNotEqualTo(order(c));
    }

    @Test
    void rowsPicksTheGivenExamplesInTheGivenOrder() {
        DataSet picked = DataSets.rows(numbered(10), new int[] {7, 2, 9});
        assertThat(order(picked)).containsExactly(7, 2, 9);
        DataSet noMasks = new DataSet(Nd4j.create(DataType.FLOAT, 4, 2, 5), Nd4j.create(DataType.DOUBLE, 4, 3));
        assertThat(DataSets.rows(noMasks, new int[] {1}).getFeaturesMaskArray()).isNull();
    }
}
