import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as echarts from 'echarts';
import { percent, shortNumber } from './chart-format';

/** The x axis: its name (with the unit) and whether it counts epochs (a little room each side). */
interface XAxisSpec {
  name: string;
  epoch?: boolean;
}

/** A y axis; the right-hand ones also list the series drawn against them. */
interface YAxisSpec {
  name: string;
  log?: boolean;
  min?: number;
  max?: number;
  percent?: boolean;
  series?: string[];
}

interface Threshold {
  value: number;
  label: string;
}

/** Up to this many points a series draws a marker at each one; more would only blur the line. */
const MARKERS_UP_TO = 40;
/** Height of one row of axis names above the chart. */
const NAME_ROW = 16;
/** Room for one right-hand axis: its labels, offset from the one before. */
const RIGHT_AXIS_WIDTH = 62;

/**
 * A live line chart of a run's series (ECharts inside a Lit element). The server pushes points
 * with addPoints() or replaces a series with setSeries(); the element keeps every point so the
 * chart can be redrawn when its box changes size. The axes come from JSON attributes (x-axis,
 * y-axis, right-axes) and a threshold attribute draws a dashed horizontal line with a label.
 * It exposes how many points it holds in the data-points attribute (tests read it).
 */
@customElement('seqplay-loss-chart')
export class LossChart extends LitElement {
  static styles = css`
    :host { display: block; width: 100%; height: 320px; }
    :host([hidden]) { display: none !important; }
    #chart { width: 100%; height: 100%; }
  `;

  @property({ attribute: 'x-axis', type: Object }) xAxis: XAxisSpec = { name: 'step' };
  @property({ attribute: 'y-axis', type: Object }) yAxis?: YAxisSpec;
  @property({ attribute: 'right-axes', type: Array }) rightAxes: YAxisSpec[] = [];
  @property({ attribute: 'threshold', type: Object }) threshold?: Threshold;

  private chart?: echarts.ECharts;
  private series = new Map<string, number[][]>();
  private resizeObserver?: ResizeObserver;
  private redrawPending = false;

  render() {
    return html`<div id="chart"></div>`;
  }

  firstUpdated() {
    const el = this.renderRoot.querySelector('#chart') as HTMLDivElement;
    this.chart = echarts.init(el);
    // The box may be hidden or not laid out yet at this point (width 0): follow its real size.
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(el);
    this.redraw();
  }

  updated() {
    this.scheduleRedraw();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** Adds [x, value] pairs to a named series. */
  addPoints(name: string, points: number[][]) {
    const list = this.series.get(name) ?? [];
    list.push(...points);
    this.series.set(name, list);
    this.changed();
  }

  /** Replaces a named series (for values recomputed as data arrives, such as a share per epoch). */
  setSeries(name: string, points: number[][]) {
    this.series.set(name, [...points]);
    this.changed();
  }

  clear() {
    this.series.clear();
    this.changed();
  }

  private changed() {
    let count = 0;
    this.series.forEach((points) => (count += points.length));
    this.setAttribute('data-points', String(count));
    this.scheduleRedraw();
  }

  /** Points often arrive in bursts: draw once per frame. */
  private scheduleRedraw() {
    if (this.redrawPending) {
      return;
    }
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      this.redraw();
    });
  }

  private axisIndex(name: string): number {
    const i = this.rightAxes.findIndex((a) => a.series?.includes(name));
    return i < 0 ? 0 : i + 1;
  }

  private redraw() {
    if (!this.chart) {
      return;
    }
    const names = [...this.series.keys()];
    const yAxes = [this.yAxis ?? { name: '' }, ...this.rightAxes];
    const rightWidth = this.rightAxes.length * RIGHT_AXIS_WIDTH;
    this.chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => shortNumber(v) },
      legend: { data: names, type: 'scroll', top: 0 },
      // Labels are measured (containLabel); the margins leave room for the axis names.
      grid: { left: 12, right: 16 + rightWidth, top: 58 + NAME_ROW * Math.max(0, this.rightAxes.length - 1),
        bottom: 40, containLabel: true },
      xAxis: {
        type: 'value',
        name: this.xAxis.name,
        nameLocation: 'middle',
        nameGap: 26,
        // Epoch points would sit on the chart's edges: leave one epoch of room each side.
        min: this.xAxis.epoch ? (e: { min: number }) => Math.max(0, Math.floor(e.min) - 1) : 'dataMin',
        max: this.xAxis.epoch ? (e: { max: number }) => Math.ceil(e.max) + 1 : 'dataMax',
        // Every x the server sends is a whole number (step, epoch, distance): no ticks at 1.5.
        minInterval: 1,
        axisLabel: { formatter: (v: number) => shortNumber(v), hideOverlap: true },
        splitLine: { show: false },
        // By default an axis crosses the other at zero: a forecast's y axis would stand mid-chart.
        axisLine: { onZero: false },
      },
      yAxis: yAxes.map((axis, i) => this.yAxisOption(axis, i)),
      series: names.map((n, i) => this.seriesOption(n, i === this.firstSeriesOnLeft(names))),
    }, true);
  }

  private firstSeriesOnLeft(names: string[]): number {
    return names.findIndex((n) => this.axisIndex(n) === 0);
  }

  private yAxisOption(axis: YAxisSpec, index: number) {
    const right = index > 0;
    const range = index === 0 ? this.rangeWithThreshold(axis) : {};
    return {
      type: axis.log ? 'log' : 'value',
      name: axis.name,
      position: right ? 'right' : 'left',
      offset: right ? (index - 1) * RIGHT_AXIS_WIDTH : 0,
      // The name stands above its axis, running away from the chart's edge so it is never cut;
      // a further right axis puts its name one row higher, as it would run into the one before.
      nameLocation: 'end',
      nameGap: 12 + NAME_ROW * Math.max(0, index - 1),
      nameTextStyle: { align: right ? 'right' : 'left', fontWeight: 'bold' },
      scale: !axis.log && axis.min === undefined,
      min: axis.min ?? range.min,
      max: axis.max ?? range.max,
      axisLine: { show: true, onZero: false },
      axisLabel: { formatter: (v: number) => (axis.percent ? percent(v) : shortNumber(v)) },
      splitLine: { show: !right },
    };
  }

  /**
   * A threshold line outside the data's range would not show: stretch the axis to it (to a power
   * of ten on a log axis), and otherwise leave the range to the data.
   */
  private rangeWithThreshold(axis: YAxisSpec): { min?: number; max?: number } {
    const t = this.threshold?.value;
    const values = [...this.series.entries()]
      .filter(([name]) => this.axisIndex(name) === 0)
      .flatMap(([, points]) => points.map((p) => p[1]))
      .filter((v) => Number.isFinite(v) && (!axis.log || v > 0));
    if (t === undefined || values.length === 0) {
      return {};
    }
    // A loop, not Math.min(...values): a long run has more points than a call may take arguments.
    let lo = Infinity;
    let hi = -Infinity;
    values.forEach((v) => {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    });
    if (t < lo) {
      return { min: axis.log ? 10 ** Math.floor(Math.log10(t)) : t };
    }
    if (t > hi) {
      return { max: axis.log ? 10 ** Math.ceil(Math.log10(t)) : t };
    }
    return {};
  }

  private seriesOption(name: string, carriesThreshold: boolean) {
    const data = this.series.get(name) ?? [];
    const option: Record<string, unknown> = {
      name,
      type: 'line',
      yAxisIndex: this.axisIndex(name),
      // A single point has no line to draw: without a marker it would not show at all.
      showSymbol: data.length <= MARKERS_UP_TO,
      symbolSize: data.length === 1 ? 9 : 6,
      data,
    };
    if (carriesThreshold && this.threshold) {
      option.markLine = {
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#c0392b', width: 1.5 },
        label: { formatter: this.threshold.label, position: 'insideEndTop', color: '#c0392b' },
        data: [{ yAxis: this.threshold.value }],
      };
    }
    return option;
  }
}
