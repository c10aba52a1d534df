package com.seqplay.run.history;

import com.seqplay.run.domain.MetricPoint;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A series in one byte array: per point its step, epoch, value and wall time (28 bytes), so that
 * a finished run's series is one row to read instead of one row per point.
 */
final class SeriesPack {
    static final int BYTES_PER_POINT = 8 + 4 + 8 + 8;

    private SeriesPack() {}

    static byte[] pack(List<MetricPoint> points) {
        ByteBuffer buffer = ByteBuffer.allocate(points.size() * BYTES_PER_POINT);
        for (MetricPoint p : points) {
            buffer.putLong(p.step()).putInt(p.epoch()).putDouble(p.value()).putLong(p.time().toEpochMilli());
        }
        return buffer.array();
    }

    static List<MetricPoint> unpack(String name, byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        List<MetricPoint> points = new ArrayList<>(data.length / BYTES_PER_POINT);
        while (buffer.remaining() >= BYTES_PER_POINT) {
            points.add(new MetricPoint(name, buffer.getLong(), buffer.getInt(), buffer.getDouble(),
                    Instant.ofEpochMilli(buffer.getLong())));
        }
        return points;
    }
}
