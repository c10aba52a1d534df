package com.seqplay.ui.form;

import com.seqplay.spec.CellType;
import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.FaultInjection;
import com.seqplay.spec.Optimizer;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskOptions;
import com.seqplay.spec.TaskType;
import com.seqplay.spec.WeightInit;

/**
 * The fields every task has, as a mutable bean for Vaadin's Binder (a {@link RunSpec} is an
 * immutable record with a nested clipping record and the task's options, which Binder's record
 * support cannot edit field by field). It holds every common field, also those the form does not
 * show, so that {@code of(spec).toSpec(spec.options())} gives back the same specification.
 */
public final class CommonForm {
    private String name;
    private TaskType task;
    private CellType cell;
    private ClippingMode clippingMode;
    private Double clippingThreshold;
    private String dataset;
    private Long seed;
    private Integer epochs;
    private Integer layers;
    private Integer hiddenSize;
    private Double dropout;
    private Optimizer optimizer;
    private Double learningRate;
    private WeightInit weightInit;
    private Integer batchSize;
    private Double updateGateBias;
    private Integer patience;
    private Integer maxWallSeconds;
    private FaultInjection faultInjection;

    public static CommonForm of(RunSpec spec) {
        var f = new CommonForm();
        f.name = spec.name();
        f.task = spec.task();
        f.cell = spec.cell();
        f.clippingMode = spec.clipping() == null ? null : spec.clipping().mode();
        f.clippingThreshold = spec.clipping() == null ? null : spec.clipping().threshold();
        f.dataset = spec.dataset();
        f.seed = spec.seed();
        f.epochs = spec.epochs();
        f.layers = spec.layers();
        f.hiddenSize = spec.hiddenSize();
        f.dropout = spec.dropout();
        f.optimizer = spec.optimizer();
        f.learningRate = spec.learningRate();
        f.weightInit = spec.weightInit();
        f.batchSize = spec.batchSize();
        f.updateGateBias = spec.updateGateBias();
        f.patience = spec.patience();
        f.maxWallSeconds = spec.maxWallSeconds();
        f.faultInjection = spec.faultInjection();
        return f;
    }

    /** The specification with these common fields and the task's {@code options}. */
    public RunSpec toSpec(TaskOptions options) {
        // a threshold left in a hidden field belongs to another mode: only a mode that clips at one keeps it
        Clipping clipping = clippingMode == null ? null
                : new Clipping(clippingMode, clippingMode.usesThreshold() ? clippingThreshold : null);
        return new RunSpec(name, task, cell, clipping, dataset, seed, epochs, layers, hiddenSize, dropout, optimizer,
                learningRate, weightInit, batchSize, updateGateBias, patience, maxWallSeconds, faultInjection, options);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TaskType getTask() {
        return task;
    }

    public CellType getCell() {
        return cell;
    }

    public void setCell(CellType cell) {
        this.cell = cell;
    }

    public ClippingMode getClippingMode() {
        return clippingMode;
    }

    public void setClippingMode(ClippingMode clippingMode) {
        this.clippingMode = clippingMode;
    }

    public Double getClippingThreshold() {
        return clippingThreshold;
    }

    public void setClippingThreshold(Double clippingThreshold) {
        this.clippingThreshold = clippingThreshold;
    }

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getEpochs() {
        return epochs;
    }

    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public Integer getLayers() {
        return layers;
    }

    public void setLayers(Integer layers) {
        this.layers = layers;
    }

    public Integer getHiddenSize() {
        return hiddenSize;
    }

    public void setHiddenSize(Integer hiddenSize) {
        this.hiddenSize = hiddenSize;
    }

    public Double getDropout() {
        return dropout;
    }

    public void setDropout(Double dropout) {
        this.dropout = dropout;
    }

    public Optimizer getOptimizer() {
        return optimizer;
    }

    public void setOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public WeightInit getWeightInit() {
        return weightInit;
    }

    public void setWeightInit(WeightInit weightInit) {
        this.weightInit = weightInit;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Double getUpdateGateBias() {
        return updateGateBias;
    }

    public void setUpdateGateBias(Double updateGateBias) {
        this.updateGateBias = updateGateBias;
    }

    public Integer getPatience() {
        return patience;
    }

    public void setPatience(Integer patience) {
        this.patience = patience;
    }

    public Integer getMaxWallSeconds() {
        return maxWallSeconds;
    }

    public void setMaxWallSeconds(Integer maxWallSeconds) {
        this.maxWallSeconds = maxWallSeconds;
    }
}
