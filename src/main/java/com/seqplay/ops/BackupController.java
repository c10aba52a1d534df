package com.seqplay.ops;

import com.seqplay.security.CurrentUser;
import com.seqplay.security.NotPermittedException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/backup}: an administrator backs the database up now. */
@RestController
class BackupController {
    private final DatabaseBackup backup;
    private final CurrentUser currentUser;

    BackupController(DatabaseBackup backup, CurrentUser currentUser) {
        this.backup = backup;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/admin/backup")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> backUp() throws IOException {
        if (!currentUser.isAdmin()) {
            throw new NotPermittedException("Only an administrator can back the database up.");
        }
        var file = backup.backUp();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.getFileName().toString());
        out.put("bytes", Files.size(file));
        return out;
    }
}
