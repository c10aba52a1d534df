package com.seqplay.engine.bench;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a unit test: a profiling main. Splits one training iteration of the bench reference model
 * into parts (each recurrent layer's forward and backward, the output layer, the updater, the
 * whole fit) and measures each by this thread's CPU time (robust on a loaded machine: waiting for
 * a core does not count), alternating the parts round-robin in one JVM and printing medians.
 * Run with OMP_NUM_THREADS=1 so that BLAS works on this thread.
 * Args: [cell (default rnn)] [rounds (default 15)].
 */
public final class IterationProfile {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private IterationProfile() {
    }

    public static void main(String[] args) {
        String cell = args.length > 0 ? args[0] : "rnn";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        RunSpec spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"textgen","cell":"%s","layers":2,"hiddenSize":256,"sequenceLength":100,"batchSize":32,
                 "clipping":{"mode":"none"},"learningRate":0.001}""".formatted(cell)));
        int vocab = 98;
        MultiLayerNetwork net = NetworkBuilder.sequenceClassifier(spec, vocab, vocab);
        DataSet ds = randomBatch(32, vocab, 100, new Random(1));
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();

        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        // Standalone inputs for each layer: the activations of a forward pass (outside workspaces).
        java.util.List<INDArray> acts = net.feedForward(ds.getFeatures(), true);
        Layer[] layers = net.getLayers();
        int outIdx = layers.length - 1;
        Layer out = layers[outIdx];
        INDArray[] eps = new INDArray[layers.length];
        out.setInput(acts.get(outIdx), none);
        ((org.deeplearning4j.nn.api.layers.IOutputLayer) out).setLabels(ds.getLabels());
        eps[outIdx] = out.backpropGradient(null, none).getSecond().dup();
        for (int l = outIdx - 1; l >= 0; l--) {
            layers[l].setInput(acts.get(l), none);
            layers[l].activate(true, none);
            INDArray e = layers[l].backpropGradient(eps[l + 1], none).getSecond();
            eps[l] = e == null ? null : e.dup(); // null: the first layer skips its input gradient
        }

        Map<String, Runnable> parts = new LinkedHashMap<>();
        parts.put("fit (whole iteration)", () -> net.fit(ds));
        parts.put("computeGradientAndScore", () -> {
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.computeGradientAndScore();
        });
        for (int l = 0; l < outIdx; l++) {
            final int li = l;
            parts.put("layer " + l + " forward", () -> {
                layers[li].setInput(acts.get(li), none);
                layers[li].activate(true, none);
            });
            parts.put("layer " + l + " forward+backward", () -> {
                layers[li].setInput(acts.get(li), none);
                layers[li].activate(true, none);
                layers[li].backpropGradient(eps[li + 1], none);
            });
        }
        parts.put("output forward+score", () -> {
            out.setInput(acts.get(outIdx), none);
            ((org.deeplearning4j.nn.api.layers.IOutputLayer) out).setLabels(ds.getLabels());
            ((org.deeplearning4j.nn.api.layers.IOutputLayer) out).computeScore(0, true, none);
        });
        parts.put("output forward+backward", () -> {
            out.setInput(acts.get(outIdx), none);
            ((org.deeplearning4j.nn.api.layers.IOutputLayer) out).setLabels(ds.getLabels());
            out.backpropGradient(null, none);
        });
        parts.put("updater (Adam, all params)", () -> {
            Gradient g = net.gradient();
            net.getUpdater().update(net, g, 0, 0, 32, none);
        });

        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, double[]> wall = new LinkedHashMap<>();
        parts.keySet().forEach(k -> {
            cpu.put(k, new double[rounds]);
            wall.put(k, new double[rounds]);
        });
        // the updater part needs a gradient in the network
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Runnable> p : parts.entrySet()) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                p.getValue().run();
                cpu.get(p.getKey())[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                wall.get(p.getKey())[r] = (System.nanoTime() - w0) / 1e6;
                if (p.getKey().startsWith("fit")) {
                    // keep a gradient for the updater part
                    net.setInput(ds.getFeatures());
                    net.setLabels(ds.getLabels());
                    net.computeGradientAndScore();
                }
            }
        }
        System.out.printf(Locale.ROOT, "cell=%s, %d rounds, medians in ms (thread CPU time / wall)%n", cell, rounds);
        for (String k : parts.keySet()) {
            System.out.printf(Locale.ROOT, "  %-30s %8.1f cpu %8.1f wall%n", k, median(cpu.get(k)), median(wall.get(k)));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static DataSet randomBatch(int batch, int vocab, int length, Random random) {
        INDArray features = Nd4j.zeros(DataType.FLOAT, batch, vocab, length);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, vocab, length);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                features.putScalar(new int[] {b, random.nextInt(vocab), t}, 1f);
                labels.putScalar(new int[] {b, random.nextInt(vocab), t}, 1f);
            }
        }
        return new DataSet(features, labels);
    }
}
