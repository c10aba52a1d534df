package com.seqplay.ops;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.security.CurrentUser;
import com.seqplay.security.NotPermittedException;
import com.seqplay.upload.service.DatasetService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Disk taken per user, for an administrator deciding what to free: run folders (checkpoints,
 * logs, resume points) and uploads. A run's link to its upload is not counted for the run, since
 * hard links share the upload's bytes (it is counted once, under uploads).
 */
@Service
public class DiskUsage {
    private final JdbcClient jdbc;
    private final Path runsDir;
    private final DatasetService datasets;
    private final CurrentUser currentUser;

    DiskUsage(JdbcClient jdbc, SeqplayProperties properties, DatasetService datasets, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.runsDir = properties.runsDir();
        this.datasets = datasets;
        this.currentUser = currentUser;
    }

    /** One user's share. */
    public record UserDisk(String owner, int runs, long runBytes, long uploadBytes) {
        public long totalBytes() {
            return runBytes + uploadBytes;
        }
    }

    /** Everyone's, by name; walks the run folders, so it is asked for, not shown on every page. */
    public List<UserDisk> byUser() {
        if (!currentUser.isAdmin()) {
            throw new NotPermittedException("Only an administrator can see everyone's disk use.");
        }
        Map<String, long[]> runs = new TreeMap<>();
        jdbc.sql("select id, owner from runs").query(rs -> {
            long[] sums = runs.computeIfAbsent(rs.getString(2), o -> new long[2]);
            sums[0]++;
            sums[1] += folderBytes(runsDir.resolve(Long.toString(rs.getLong(1))));
        });
        Map<String, Long> uploads = datasets.storageByOwner();
        var owners = new java.util.TreeSet<>(runs.keySet());
        owners.addAll(uploads.keySet());
        List<UserDisk> out = new ArrayList<>();
        for (String owner : owners) {
            long[] sums = runs.getOrDefault(owner, new long[2]);
            out.add(new UserDisk(owner, (int) sums[0], sums[1], uploads.getOrDefault(owner, 0L)));
        }
        return out;
    }

    /** Bytes of the files in a folder that are its own (one link); a missing folder is empty. */
    static long folderBytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::ownBytes).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            return 0; // a run deleted while we walked it
        }
    }

    private static long ownBytes(Path file) {
        try {
            Object links = Files.getAttribute(file, "unix:nlink");
            if (links instanceof Integer n && n > 1) {
                return 0;
            }
            return Files.size(file);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.size(file);
            } catch (IOException gone) {
                return 0;
            }
        } catch (IOException e) {
            return 0;
        }
    }
}
