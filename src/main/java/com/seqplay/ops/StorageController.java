package com.seqplay.ops;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/storage}: disk per user; {@code POST /api/admin/retention}: apply the
 * retention settings now instead of waiting for the next pass. Administrators only.
 */
@RestController
class StorageController {
    private final DiskUsage disk;
    private final RetentionJob retention;
    private final com.seqplay.security.CurrentUser currentUser;

    StorageController(DiskUsage disk, RetentionJob retention, com.seqplay.security.CurrentUser currentUser) {
        this.disk = disk;
        this.retention = retention;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/admin/storage")
    List<DiskUsage.UserDisk> storage() {
        return disk.byUser();
    }

    @PostMapping("/api/admin/retention")
    RetentionJob.Pass retention() {
        if (!currentUser.isAdmin()) {
            throw new com.seqplay.security.NotPermittedException("Only an administrator can apply retention.");
        }
        return retention.runOnce();
    }
}
