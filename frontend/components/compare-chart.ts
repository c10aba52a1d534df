import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as echarts from 'echarts';
import { shortNumber } from './chart-format';

/** One line of a comparison: a run, or a group's mean with its band (lower and upper at each x). */
interface Line {
  name: string;
  points: number[][];
  band?: number[][];
}

/** Everything the chart draws, set at once by the server. */
interface ChartData {
  xName: string;
  yName: string;
  /** Whether x only takes whole numbers (step, epoch, distance): no ticks at 1.5. */
  integerX?: boolean;
  baseline?: { value: number; label: string };
  lines: Line[];
}

/**
 * Overlaid curves of several runs or groups (ECharts inside a Lit element), with a shaded band
 * per group (its spread over seeds), exponential smoothing done here so that the slider needs no
 * round trip, a log scale, zoom (drag on the slider under the chart or the mouse wheel) and a
 * dashed baseline. Exposes data-lines and data-bands (how many of each it draws) for tests.
 */
@customElement('seqplay-compare-chart')
export class CompareChart extends LitElement {
  static styles = css`
    :host { display: block; width: 100%; height: 380px; }
    #chart { width: 100%; height: 100%; }
  `;

  @property({ type: Object }) data?: ChartData;
  /** Smoothing weight and log scale are separate properties: changing them needs no new data from the server. */
  @property({ type: Number }) smoothing = 0;
  @property({ type: Boolean }) log = false;

  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;

  render() {
    return html`<div id="chart"></div>`;
  }

  firstUpdated() {
    const el = this.renderRoot.querySelector('#chart') as HTMLDivElement;
    this.chart = echarts.init(el);
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(el);
    this.redraw();
  }

  updated() {
    this.redraw();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** Exponential moving average, debiased as TensorBoard does, so the first points are not pulled to 0. */
  private smooth(points: number[][], weight: number): number[][] {
    if (!weight || weight <= 0) {
      return points;
    }
    let last = 0;
    let n = 0;
    return points.map((p) => {
      if (!Number.isFinite(p[1])) {
        return p;
      }
      last = last * weight + (1 - weight) * p[1];
      n++;
      return [p[0], last / (1 - weight ** n)];
    });
  }

  private redraw() {
    if (!this.chart || !this.data) {
      return;
    }
    const d = this.data;
    const log = this.log;
    const positive = (v: number) => !log || v > 0;
    const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
      '#bcbd22', '#17becf'];
    const series: Record<string, unknown>[] = [];
    let bands = 0;
    d.lines.forEach((line, i) => {
      const color = palette[i % palette.length];
      const points = this.smooth(line.points, this.smoothing).filter((p) => positive(p[1]));
      if (line.band && line.band.length > 1) {
        bands++;
        const band = line.band.filter((b) => positive(b[1]) && positive(b[2]));
        series.push({
          name: line.name,
          type: 'custom',
          silent: true,
          z: 1,
          // One item, at a real point of the band: an item at [0] would stretch both axes to zero.
          data: band.length ? [[band[0][0], band[0][1]]] : [],
          encode: { x: 0, y: 1 },
          renderItem: (_params: unknown, api: any) => {
            const upper = band.map((b) => api.coord([b[0], b[2]]));
            const lower = band.map((b) => api.coord([b[0], b[1]])).reverse();
            return {
              type: 'polygon',
              shape: { points: [...upper, ...lower] },
              style: { fill: color, opacity: 0.18 },
            };
          },
        });
      }
      series.push({
        name: line.name,
        type: 'line',
        z: 2,
        showSymbol: points.length <= 40,
        symbolSize: 5,
        lineStyle: { width: line.band ? 2.5 : 1.5, color },
        itemStyle: { color },
        data: points,
        markLine: i === 0 && d.baseline ? {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#555' },
          label: { formatter: d.baseline.label, position: 'insideEndTop' },
          data: [{ yAxis: d.baseline.value }],
        } : undefined,
      });
    });
    this.setAttribute('data-lines', String(d.lines.length));
    this.setAttribute('data-bands', String(bands));
    this.chart.setOption({
      animation: false,
      color: palette,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => shortNumber(v) },
      legend: { type: 'scroll', top: 0, data: d.lines.map((l) => l.name) },
      grid: { left: 12, right: 24, top: 56, bottom: 64, containLabel: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      xAxis: {
        type: 'value', name: d.xName, nameLocation: 'middle', nameGap: 24, min: 'dataMin', max: 'dataMax',
        axisLabel: { formatter: (v: number) => shortNumber(v), hideOverlap: true }, splitLine: { show: false },
        axisLine: { onZero: false }, minInterval: d.integerX ? 1 : 0,
      },
      yAxis: {
        type: log ? 'log' : 'value', name: d.yName, nameTextStyle: { align: 'left', fontWeight: 'bold' },
        scale: !log, axisLine: { show: true, onZero: false },
        axisLabel: { formatter: (v: number) => shortNumber(v) },
      },
      series,
    }, true);
  }
}
