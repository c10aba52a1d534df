package com.seqplay.run.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.run.service.RunService;
import com.seqplay.security.CurrentUser;
import com.seqplay.spec.InvalidSpecException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Grids of runs launched in one go and kept together, so that they can be compared as groups. */
@Service
public class ExperimentService {
    private final ExperimentRepository experiments;
    private final HistoryRepository history;
    private final RunService runs;
    private final CurrentUser currentUser;
    private final Clock clock;

    ExperimentService(ExperimentRepository experiments, HistoryRepository history, RunService runs,
            CurrentUser currentUser, Clock clock) {
        this.experiments = experiments;
        this.history = history;
        this.runs = runs;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Checks every combination, then stores the experiment and queues its runs in grid order.
     *
     * @throws InvalidSpecException naming the field or the combination that is wrong; nothing is
     *     queued then
     */
    public Experiment launch(String name, ObjectNode base, Map<String, List<JsonNode>> vary) {
        String title = name == null || name.isBlank() ? "grid" : name.trim();
        if (title.length() > 100) {
            throw new InvalidSpecException("name", "must be at most 100 characters, not " + title.length());
        }
        if (base == null) {
            throw new InvalidSpecException("base", "is required: the specification every run starts from");
        }
        List<GridPlan.Cell> cells = GridPlan.expand(title, base, vary);
        long id = experiments.insert(currentUser.username(), title, base, vary, clock.instant());
        for (GridPlan.Cell cell : cells) {
            long runId = runs.submit(cell.spec()).id();
            history.joinExperiment(runId, id);
        }
        return get(id);
    }

    public Experiment get(long id) {
        return experiments.find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
    }
}
