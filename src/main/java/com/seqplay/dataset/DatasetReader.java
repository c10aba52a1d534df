package com.seqplay.dataset;

import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.SpecValidator;
import com.seqplay.spec.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an uploaded file the way a run of a given task will read it. The server calls it when a
 * file is uploaded and again when a run is submitted (with that run's column choices), so a bad
 * file is refused before training starts; the trainer uses the same code to load it.
 */
public final class DatasetReader {
    private DatasetReader() {}

    /** Checks the file for a task with default options; returns a one-line description of it. */
    public static String check(TaskType task, String fileName, byte[] content) {
        return switch (task) {
            case TRANSLATION -> {
                var pairs = new PairFileParser().parse(fileName, content);
                yield pairs.size() + " sentence pairs";
            }
            case FORECASTING -> {
                var series = new SeriesFileParser().parse(fileName, content);
                yield series.length() + " values of '" + series.name() + "'"
                        + (series.dates() != null ? " with dates" : "");
            }
            case TEXTGEN -> {
                var text = new TextFileParser().parse(fileName, content);
                yield text.length() + " characters, " + text.vocabulary().size() + " distinct";
            }
        };
    }

    /**
     * Checks the file with the options of a run specification (value column, sequence length...).
     *
     * @param name the file's name as the person knows it, for messages
     */
    public static void checkFor(RunSpec spec, Path file, String name) throws IOException {
        byte[] content = Files.readAllBytes(file);
        long examples = switch (spec.taskType()) {
            case TRANSLATION -> (long) (new PairFileParser().parse(name, content).size() * 0.8);
            case FORECASTING -> {
                var split = ChronologicalSplit.checked(name, series(spec, name, content), spec.window(), spec.horizon());
                yield split.trainEnd() - spec.window() - spec.horizon() + 1;
            }
            case TEXTGEN -> {
                var text = new TextFileParser().parse(name, content);
                text.requireMinLength(spec.sequenceLength());
                yield ((long) (text.length() * 0.9) - 1) / spec.sequenceLength();
            }
        };
        List<SpecProblem> problems = new ArrayList<>();
        SpecValidator.checkBatchFitsData(problems, spec, examples);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    public static Series series(RunSpec spec, String name, byte[] content) {
        var parser = new SeriesFileParser().withMissingValues("interpolate".equals(spec.missingValues())
                ? SeriesFileParser.MissingValues.INTERPOLATE : SeriesFileParser.MissingValues.REFUSE);
        if (spec.valueColumn() != null) {
            parser = isIndex(spec.valueColumn()) ? parser.withValueColumn(Integer.parseInt(spec.valueColumn()) - 1)
                    : parser.withValueColumn(spec.valueColumn());
        }
        if (spec.dateColumn() != null) {
            parser = isIndex(spec.dateColumn()) ? parser.withDateColumn(Integer.parseInt(spec.dateColumn()) - 1)
                    : parser.withDateColumn(spec.dateColumn());
        }
        return parser.parse(name, content);
    }

    private static boolean isIndex(String column) {
        return column.matches("[1-9][0-9]{0,5}");
    }
}
