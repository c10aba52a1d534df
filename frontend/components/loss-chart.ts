import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import * as echarts from 'echarts';

/**
 * A live line chart of a run's metric series (ECharts inside a Lit element). The server pushes
 * points with addPoints(); the element keeps every point so the chart can be redrawn on resize.
 * It exposes how many points it holds in the data-points attribute (tests read it).
 */
@customElement('seqplay-loss-chart')
export class LossChart extends LitElement {
  static styles = css`
    :host { display: block; width: 100%; height: 320px; }
    #chart { width: 100%; height: 100%; }
  `;

  private chart?: echarts.ECharts;
  private series = new Map<string, number[][]>();
  private pointCount = 0;
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

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** Adds [step, value] pairs to a named series. */
  addPoints(name: string, points: number[][]) {
    const list = this.series.get(name) ?? [];
    list.push(...points);
    this.series.set(name, list);
    this.pointCount += points.length;
    this.setAttribute('data-points', String(this.pointCount));
    this.redraw();
  }

  clear() {
    this.series.clear();
    this.pointCount = 0;
    this.setAttribute('data-points', '0');
    this.redraw();
  }

  private redraw() {
    if (!this.chart) {
      return;
    }
    const names = [...this.series.keys()];
    this.chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: names },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: this.getAttribute('x-name') ?? 'step', min: 'dataMin' },
      yAxis: this.hasAttribute('log-y') ? { type: 'log' } : { type: 'value', scale: true },
      series: names.map((n) => ({ name: n, type: 'line', showSymbol: false, data: this.series.get(n) })),
    }, true);
  }
}
