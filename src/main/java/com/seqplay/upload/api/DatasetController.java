package com.seqplay.upload.api;

import com.seqplay.upload.UploadedDataset;
import com.seqplay.task.BuiltinDataset;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.upload.service.DatasetService;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Datasets: upload a file for a task, list uploaded and built-in ones. */
@RestController
@RequestMapping("/api/datasets")
class DatasetController {
    private final DatasetService datasets;

    DatasetController(DatasetService datasets) {
        this.datasets = datasets;
    }

    record DatasetJson(String id, String task, String name, String description, boolean builtin, Long sizeBytes,
            Instant createdAt) {
        static DatasetJson of(UploadedDataset d) {
            return new DatasetJson(d.ref(), d.task(), d.fileName(), d.summary(), false, d.sizeBytes(), d.createdAt());
        }
    }

    /**
     * Multipart {@code file} and {@code task}; a malformed file is a 400 naming its line and reason,
     * a file sent without a name a 400 naming {@code file}.
     */
    @PostMapping(consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    DatasetJson upload(@RequestParam("file") MultipartFile file, @RequestParam("task") String task) throws IOException {
        String name = UploadFileName.of(file.getOriginalFilename());
        return DatasetJson.of(datasets.upload(task, name, file.getBytes()));
    }

    /** Removes an upload (its owner or an administrator); runs that trained on it keep their copy. */
    @org.springframework.web.bind.annotation.DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@org.springframework.web.bind.annotation.PathVariable String id) {
        datasets.delete(UploadId.parse(id));
    }

    @GetMapping
    List<DatasetJson> list() {
        List<DatasetJson> out = new ArrayList<>();
        for (var task : TaskDefinitions.all()) {
            for (BuiltinDataset e : task.builtins()) {
                out.add(new DatasetJson(e.id(), task.type().id(), e.id().substring(BuiltinDataset.PREFIX.length()),
                        e.description(), true, null, null));
            }
        }
        datasets.list().forEach(d -> out.add(DatasetJson.of(d)));
        return out;
    }
}
