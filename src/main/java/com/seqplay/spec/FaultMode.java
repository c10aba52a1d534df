package com.seqplay.spec;

/** Ways a trainer can be made to fail on purpose (see FaultInjection). */
public enum FaultMode implements Choice {
    EXCEPTION("exception", "Throw an exception"),
    EXIT("exit", "Exit with code 1"),
    OOM("oom", "Run out of memory"),
    HANG("hang", "Hang"),
    NAN("nan", "Turn a weight into NaN");

    private final String id;
    private final String label;

    FaultMode(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    public static java.util.Optional<FaultMode> fromId(String id) {
        return Choice.fromId(FaultMode.class, id);
    }
}
