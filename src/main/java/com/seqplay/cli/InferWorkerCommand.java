package com.seqplay.cli;

import com.seqplay.engine.Backend;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.inference.Predictor;
import com.seqplay.engine.inspect.Inspector;
import com.seqplay.inference.WorkerProtocol;
import com.seqplay.inference.WorkerProtocol.Answer;
import com.seqplay.inference.WorkerProtocol.Question;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The server's inference process: answers prediction requests with saved models, one JSON line
 * in and one out (see {@link WorkerProtocol}), until its standard input closes. It keeps the
 * native libraries and loaded models out of the server, under its own memory limits.
 */
@Command(name = "infer-worker", mixinStandardHelpOptions = true,
        description = "Answer prediction requests read as JSON lines on standard input (started by the server).")
final class InferWorkerCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        // Answers own standard output; whatever a library prints goes to the log instead.
        PrintStream answers = System.out;
        System.setOut(System.err);
        Predictor predictor = new Predictor();
        Inspector inspector = new Inspector();
        // Load the native libraries before the first question, so its time limit is its own.
        Backend.current();
        answers.println(WorkerProtocol.READY);
        answers.flush();
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            answers.println(WorkerProtocol.encode(answer(predictor, inspector, line)));
            answers.flush();
        }
        return 0;
    }

    static Answer answer(Predictor predictor, Inspector inspector, String line) {
        Question q;
        try {
            q = WorkerProtocol.decodeQuestion(line);
        } catch (RuntimeException e) {
            return Answer.failed(-1, "unreadable question: " + e.getMessage());
        }
        try {
            return switch (q.kind()) {
                case PREDICT -> Answer.of(q.id(), predictor.predict(q.spec(), q.runDir(), q.request()));
                case INSPECT -> Answer.of(q.id(), inspector.inspect(q.spec(), q.runDir(), q.request().text()));
            };
        } catch (PredictionException e) {
            return Answer.refused(q.id(), e.getMessage());
        } catch (IOException e) {
            return Answer.refused(q.id(), "The saved model cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace();
            return Answer.failed(q.id(), TrainCommand.describe(e));
        }
    }
}
