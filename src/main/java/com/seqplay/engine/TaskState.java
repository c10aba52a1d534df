package com.seqplay.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.seqplay.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a task keeps in a resume point besides the network and the loop's bookkeeping (its
 * shuffling generator's position, the data order, what it scored for the best epoch), as named
 * entries. Reading a name the point does not hold is an error naming it: a task's state and its
 * restore must agree.
 */
public final class TaskState {
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() {};
    private final Map<String, byte[]> entries;

    public TaskState() {
        this(new LinkedHashMap<>());
    }

    TaskState(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    Map<String, byte[]> entries() {
        return entries;
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    public void putLong(String name, long value) {
        entries.put(name, Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public long getLong(String name) {
        return Long.parseLong(new String(get(name), java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** A number that may be NaN (Double's own text form keeps it). */
    public void putDouble(String name, double value) {
        entries.put(name, Double.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public double getDouble(String name) {
        return Double.parseDouble(new String(get(name), java.nio.charset.StandardCharsets.US_ASCII));
    }

    public void putInts(String name, int[] values) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(values.length);
            for (int v : values) {
                out.writeInt(v);
            }
        }
        entries.put(name, bytes.toByteArray());
    }

    public int[] getInts(String name) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(get(name)))) {
            int[] values = new int[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readInt();
            }
            return values;
        }
    }

    /** Finite numbers by name (JSON has no NaN). */
    public void putNumbers(String name, Map<String, Double> values) throws IOException {
        Map<String, Double> finite = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        entries.put(name, Json.MAPPER.writeValueAsBytes(finite));
    }

    public Map<String, Double> getNumbers(String name) throws IOException {
        return Json.MAPPER.readValue(get(name), NUMBERS);
    }

    public void putArray(String name, INDArray array) throws IOException {
        entries.put(name, arrayBytes(array));
    }

    public INDArray getArray(String name) throws IOException {
        return array(get(name));
    }

    static byte[] arrayBytes(INDArray array) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        }
        return bytes.toByteArray();
    }

    static INDArray array(byte[] bytes) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }

    private byte[] get(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IllegalStateException("the resume point holds no task entry '" + name + "'");
        }
        return bytes;
    }
}
