package com.seqplay.inference;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The inference worker's language: one JSON line per question on its standard input, one line
 * per answer on its standard output. Answers carry a marker prefix so that anything a library
 * prints is never taken for an answer, and the question's number so a late answer to a question
 * the server gave up on is never taken for the next one's.
 */
public final class WorkerProtocol {
    public static final String ANSWER_PREFIX = "@answer ";
    /** The worker's first line: its native libraries are loaded and it takes questions. */
    public static final String READY = "@ready";
    /**
     * The engine's checkpoint file name, repeated here so that the server can tell whether a run
     * has a model without loading an engine class (a test keeps the two equal).
     */
    public static final String MODEL_FILE = "model.zip";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private WorkerProtocol() {}

    /** What a question asks of the model. */
    public enum Kind {
        /** Its output for the request ({@link Prediction}). */
        PREDICT,
        /** Its recurrent layers' states and gates on the request's text ({@link Inspection}). */
        INSPECT
    }

    /** A model (its run folder and completed specification) and what to ask it. */
    public record Question(long id, Kind kind, RunSpec spec, Path runDir, PredictRequest request) {
        public Question(long id, RunSpec spec, Path runDir, PredictRequest request) {
            this(id, Kind.PREDICT, spec, runDir, request);
        }
    }

    /**
     * Exactly one of {@code prediction} or {@code inspection} (as the question's kind asked),
     * {@code refused} (the request does not suit the model: the person's mistake) and {@code failed}
     * (the worker could not answer: ours) is set.
     */
    public record Answer(long id, Prediction prediction, Inspection inspection, String refused, String failed) {
        public static Answer of(long id, Prediction prediction) {
            return new Answer(id, prediction, null, null, null);
        }

        public static Answer of(long id, Inspection inspection) {
            return new Answer(id, null, inspection, null, null);
        }

        public static Answer refused(long id, String message) {
            return new Answer(id, null, null, message, null);
        }

        public static Answer failed(long id, String message) {
            return new Answer(id, null, null, null, message);
        }
    }

    public static boolean hasModel(Path runDir) {
        return Files.isRegularFile(runDir.resolve(MODEL_FILE));
    }

    public static String encode(Question q) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", q.id());
        node.put("kind", q.kind().name());
        node.set("spec", SpecJson.toTree(q.spec()));
        node.put("runDir", q.runDir().toString());
        node.set("request", MAPPER.valueToTree(q.request()));
        return node.toString();
    }

    /** @throws IllegalArgumentException if the line is not a question */
    public static Question decodeQuestion(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.hasNonNull("id") || !node.hasNonNull("spec") || !node.hasNonNull("runDir")) {
                throw new IllegalArgumentException("a question needs id, spec and runDir");
            }
            PredictRequest request = MAPPER.treeToValue(node.path("request"), PredictRequest.class);
            Kind kind = node.hasNonNull("kind") ? Kind.valueOf(node.get("kind").asText()) : Kind.PREDICT;
            return new Question(node.get("id").asLong(), kind, SpecJson.readStored(node.get("spec").toString()),
                    Path.of(node.get("runDir").asText()), request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a question: " + e.getOriginalMessage());
        }
    }

    public static String encode(Answer a) {
        try {
            return ANSWER_PREFIX + MAPPER.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer always serialises", e);
        }
    }

    /** The answer on this line, or empty if the line is something else the worker printed. */
    public static Optional<Answer> decodeAnswer(String line) {
        if (!line.startsWith(ANSWER_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(line.substring(ANSWER_PREFIX.length()), Answer.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
